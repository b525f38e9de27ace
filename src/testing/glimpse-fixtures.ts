import type { CatalogInput, CatalogItem } from '../core/catalog/schema';
import type { ItemFeatures } from '../features/contract';
import { openStore } from '../storage';
import { GlimpseService, type ServiceDeps } from '../worker/service';
import type { EnginePort } from '../worker/ports';

/** Six items in three visual groups (red dresses, blue shirts, green coats) with known embeddings. */
export const GROUPS: Record<string, { category: string; color: string; hex: string; axis: number }> = {
  red: { category: 'dress', color: 'red', hex: '#cc2222', axis: 0 },
  blue: { category: 'shirt', color: 'blue', hex: '#2222cc', axis: 1 },
  green: { category: 'coat', color: 'green', hex: '#22cc22', axis: 2 },
};

export function demoCatalog(): CatalogInput {
  const items = Object.entries(GROUPS).flatMap(([group, g]) =>
    [1, 2].map((n) => ({
      id: `${group}${n}`,
      title: `${group} ${g.category} ${n}`,
      category: g.category,
      image: `img/${group}${n}.jpg`,
      price: 10 * n,
    })),
  );
  return { schemaVersion: 1, name: 'Test shop', items };
}

export function embeddingFor(itemId: string): Float32Array {
  const group = itemId.replace(/\d+$/, '');
  const v = new Float32Array(3);
  v[GROUPS[group].axis] = 1;
  // A small per-item offset so items in one group are close but not identical.
  v[(GROUPS[group].axis + 1) % 3] = Number(itemId.slice(-1)) * 0.05;
  return v;
}

export interface FakeEngine extends EnginePort {
  extractCalls: string[];
  /** Resolves each extract() only when released (for cancellation tests). */
  gate?: Promise<void>;
}

export function createFakeEngine(options: { delayMs?: number } = {}): FakeEngine {
  const engine: FakeEngine = {
    extractor: { id: 'fake-embed', version: 1, dims: 3 },
    extractCalls: [],
    async hashImage(item: CatalogItem) {
      return `sha-${item.image}`;
    },
    async extract(item: CatalogItem, signal: AbortSignal): Promise<ItemFeatures> {
      engine.extractCalls.push(item.id);
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (signal.aborted) throw signal.reason;
      const g = GROUPS[item.id.replace(/\d+$/, '')];
      return {
        itemId: item.id,
        embedding: embeddingFor(item.id),
        attributes: {
          colors: [{ name: g.color, hex: g.hex, weight: 0.8 }],
          colorHistogram: new Float32Array([1]),
          texture: new Float32Array([0.5]),
          shape: new Float32Array([0.5]),
          aspectRatio: 1,
          foreground: 0.5,
        },
      };
    },
  };
  return engine;
}

/** A service on the given (fake) IndexedDB, as one browser tab would run it. */
export function createTestService(
  factory: IDBFactory,
  deps: Partial<ServiceDeps> & { engineImpl?: EnginePort } = {},
): Promise<GlimpseService> {
  const { engineImpl, ...rest } = deps;
  return GlimpseService.create({
    openStore: (hooks) =>
      openStore({ factory, onRepair: hooks.onRepair, onVersionChange: hooks.onVersionChange }),
    engine: engineImpl ? async () => engineImpl : undefined,
    retrainDelayMs: 0,
    ...rest,
  });
}
