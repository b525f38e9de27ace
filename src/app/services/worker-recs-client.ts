import type { Catalog } from '../../core/catalog/schema';
import { paletteColor } from '../../features/attributes/palette';
import type { GlimpseClient } from '../../worker/client';
import type { Explanation as EngineExplanation, Recommendation as EngineRecommendation, ServiceEvent } from '../../worker/protocol';
import { getStorageReport } from '../../pwa/storage-persistence';
import { isBackendStatus } from '../../shared/backend-status';
import { coalesced } from '../lib/coalesce';
import { complementaryCategories } from '../lib/complementary';
import type { ProfileLog } from './profile-log';
import {
  RecsClientError,
  type Explanation,
  type Insights,
  type ItemColor,
  type LabelScore,
  type Progress,
  type Recommendation,
  type RecsClient,
  type RecsEvent,
} from './recs-client';

type ClientLike = Pick<GlimpseClient, 'call' | 'on'> & Partial<Pick<GlimpseClient, 'mode' | 'inProcessReason'>>;

export interface WorkerRecsOptions {
  catalog: Catalog;
  /** The catalog's absolute URL (the worker resolves its `features` file against it). */
  catalogKey: string;
  client: ClientLike | Promise<ClientLike>;
  /** The worker's durable log (history, remove, pause, export, import, wipe). */
  log: ProfileLog;
  now?: () => number;
}

/** Personal weight against visual closeness in "You may also like" (the seed item's look leads). */
const SEED_WEIGHT = 0.5;
const SEED_POOL = 60;

/** Core's structured reasons in the app's words (same shapes; `item` indices never cross into the UI). */
export function toAppExplanation(e: EngineExplanation): Explanation | undefined {
  switch (e.kind) {
    case 'similar-to':
      return e.itemId ? { kind: 'similar-to', itemId: e.itemId, weight: e.weight } : undefined;
    case 'attribute':
      return { kind: 'attribute', attribute: e.attribute, value: e.value, weight: e.weight };
    case 'popular-in':
      return { kind: 'popular-in', category: e.category, weight: e.weight };
    case 'popular':
      return { kind: 'popular', weight: e.weight };
  }
}

function toRecommendation(r: EngineRecommendation): Recommendation {
  const explanations = (r.explanations ?? []).map(toAppExplanation).filter((e): e is Explanation => !!e);
  return { itemId: r.itemId, score: r.score, explanations };
}

const withHex = (c: { name: string; hex: string; weight: number }): ItemColor => ({
  name: c.name,
  hex: paletteColor(c.name)?.hex ?? c.hex,
  weight: c.weight,
});

/** Attempts at the catalog's feature extraction when the worker dies (or is restarted as hung) under it. */
const EXTRACT_ATTEMPTS = 3;

/**
 * The first extraction is the longest call the app makes; a worker restarted in the middle of it (a crash,
 * or a busy box where the liveness ping timed out) resumes from storage with the vectors it already cached,
 * so asking again finishes the job. Without this, one restart left the app failing every call.
 */
async function extractRestartingOnCrash(client: ClientLike, onProgress: (p: { done: number }) => void) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.call('features/extract', undefined, { onProgress });
    } catch (e) {
      if (attempt >= EXTRACT_ATTEMPTS || (e as { code?: string }).code !== 'worker-crashed') throw e;
    }
  }
}

/**
 * RecsClient over the Glimpse worker (GlimpseClient: a Worker, or the same service in-process when the
 * Worker fails). The worker holds the catalog, its features (precomputed file, else extracted there with
 * progress), the private log and the user's parameters; this adapter only translates calls and events.
 */
export function createWorkerRecsClient(options: WorkerRecsOptions): RecsClient {
  const { catalog, log } = options;
  const now = options.now ?? (() => performance.now());
  const clientReady = Promise.resolve(options.client);
  const listeners = new Set<(event: RecsEvent) => void>();
  const emit = (event: RecsEvent) => {
    for (const l of [...listeners]) l(event);
  };
  let lastProgress: Progress | null = null;
  const progress = (p: Progress | null) => {
    lastProgress = p;
    emit({ type: 'progress', progress: p });
  };
  const extraction = {
    done: 0,
    total: catalog.items.length,
    itemsPerSecond: undefined as number | undefined,
    source: 'none',
    failed: undefined as { count: number; reason: string } | undefined,
  };
  let loadMillis = 0;

  // One 'changed' per burst of service events (a like emits profile + recs changes, as two messages): every
  // screen's live query then reloads once, not once per event.
  const changed = coalesced(() => emit({ type: 'changed' }));

  const ready: Promise<ClientLike> = (async () => {
    const client = await clientReady;
    client.on((e: ServiceEvent) => {
      // A restarted worker resumed from storage: whatever a screen fetched while it was down is stale.
      if (e.type === 'recs/changed' || e.type === 'profile/changed' || e.type === 'worker/restarted') changed();
      if (e.type === 'training/changed') emit({ type: 'training', training: e.training });
    });
    const started = now();
    const loaded = await client.call('catalog/load', { catalog, url: options.catalogKey });
    extraction.source = loaded.features?.status ?? 'none';
    const status = await client.call('status/get', undefined);
    extraction.done = Math.min(status.featureItems, catalog.items.length);
    if (status.featureItems < catalog.items.length && status.engine !== 'failed') {
      // Items the precomputed file lacks are extracted in the worker; the page stays responsive.
      const t0 = now();
      const have = extraction.done;
      progress({ task: 'features', done: have, total: catalog.items.length });
      try {
        const result = await extractRestartingOnCrash(client, (p) => {
          const seconds = (now() - t0) / 1000;
          extraction.done = Math.min(catalog.items.length, have + p.done);
          extraction.itemsPerSecond = seconds > 0 ? p.done / seconds : undefined;
          progress({ task: 'features', done: extraction.done, total: catalog.items.length, rate: extraction.itemsPerSecond });
        });
        extraction.done = Math.min(catalog.items.length, have + result.extracted + result.cached);
        const first = result.failed[0];
        extraction.failed = first ? { count: result.failed.length, reason: first.message } : undefined;
      } finally {
        progress(null);
      }
    }
    loadMillis = now() - started;
    return client;
  })();
  // A failed load surfaces on every call; keep it from being an unhandled rejection meanwhile.
  ready.catch(() => undefined);

  const call: ClientLike['call'] = async (method, args, callOptions) => (await ready).call(method, args, callOptions);

  const forYou: RecsClient['forYou'] = async ({ k, category }) =>
    (await call('recs/rank', { k, ...(category ? { category } : {}) })).map(toRecommendation);

  const scores = async () => new Map((await call('recs/scores', undefined)).map((s) => [s.itemId, s]));

  const knownItem = (itemId: string) => {
    const item = catalog.items.find((i) => i.id === itemId);
    if (!item) throw new RecsClientError(`Unknown item "${itemId}"`);
    return item;
  };

  const client: RecsClient = {
    forYou,
    async similar(itemId, k = 8) {
      knownItem(itemId);
      return (await call('recs/similar', { itemId, k })).map(toRecommendation);
    },
    async youMayAlsoLike(itemId, k = 8) {
      knownItem(itemId);
      const [pool, personal] = await Promise.all([call('recs/similar', { itemId, k: SEED_POOL }), scores()]);
      return pool
        .filter((r) => !personal.get(r.itemId)?.hidden)
        .map((r) => ({ r, score: SEED_WEIGHT * r.score + (personal.get(r.itemId)?.score ?? 0) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, k)
        .map(({ r, score }) => ({ ...toRecommendation(r), score }));
    },
    async completeTheLook(itemId, k = 6) {
      const anchor = knownItem(itemId);
      const cats = complementaryCategories(catalog.items, anchor.category, 3);
      const perCat = Math.max(1, Math.ceil(k / Math.max(1, cats.length)));
      const lists = await Promise.all(cats.map((category) => forYou({ k: perCat, category })));
      const why: Explanation[] = [{ kind: 'goes-with', category: anchor.category, weight: 1 }];
      return lists.flat().slice(0, k).map((r) => ({ ...r, explanations: why }));
    },
    async searchByPhoto(photo, k = 12) {
      const started = now();
      const bytes = new Uint8Array(await photo.arrayBuffer());
      let match;
      try {
        match = await call('recs/by-photo', { bytes, k });
      } catch (err) {
        throw new RecsClientError(err instanceof Error ? err.message : String(err));
      }
      return {
        results: match.results.map((r) => ({ itemId: r.itemId, score: r.score, explanations: [{ kind: 'looks-like', weight: r.score }] })),
        colors: match.colors.map(withHex),
        millis: now() - started,
      };
    },
    async relevance() {
      return new Map([...(await scores())].map(([id, s]) => [id, s.score]));
    },
    async itemColors() {
      const fromFeatures = new Map((await call('features/colors', undefined)).map((c) => [c.itemId, c.colors]));
      // Catalog-provided colour names win over extracted ones (the partner knows their product).
      return new Map(
        catalog.items.map((item) => [item.id, (item.colors?.length ? item.colors : (fromFeatures.get(item.id) ?? [])).map(withHex)]),
      );
    },
    async profile() {
      const view = await call('profile/get', undefined);
      const labels = (list: readonly { name: string; score: number; support: number }[], hex = false): LabelScore[] =>
        list.map((p) => ({ name: p.name, score: p.score, support: p.support, ...(hex ? { hex: paletteColor(p.name)?.hex } : {}) }));
      return {
        events: view.events,
        paused: view.paused,
        colors: labels(view.preferences.colors, true),
        categories: labels(view.preferences.categories),
        textures: labels(view.preferences.textures),
        shapes: labels(view.preferences.shapes),
      };
    },
    async tasteMap() {
      return call('profile/map', undefined);
    },
    async history() {
      return (await log.history()).reverse();
    },
    async removeInteraction(id) {
      await log.remove(id);
      changed();
    },
    async setPaused(paused) {
      await log.setPaused(paused);
      changed();
    },
    async exportData() {
      return new Blob([await log.exportJson()], { type: 'application/json' });
    },
    async importData(file) {
      progress({ task: 'import', done: 0, total: 1 });
      try {
        const events = await log.importJson(await file.text());
        changed();
        return { events };
      } finally {
        progress(null);
      }
    },
    async wipe() {
      await log.wipe();
    },
    async insights(): Promise<Insights> {
      const c = await ready;
      const [status, storage] = await Promise.all([c.call('status/get', undefined), getStorageReport()]);
      const where = c.mode === 'in-process' ? `in this page (the Worker could not run: ${c.inProcessReason ?? 'unknown'})` : 'in a Web Worker';
      return {
        engine: {
          name: `Glimpse engine (${c.mode === 'in-process' ? 'in-process' : 'worker'})`,
          description:
            `MobileNetV2 embeddings + colour/texture/shape attributes (${extraction.source === 'precomputed' ? 'precomputed for the catalog' : 'extracted on this device'}), ` +
            `a visual taste model (${status.recommender}) updated on every interaction, ranked with diversity and explained; running ${where}. ` +
            `Ready in ${Math.round(loadMillis)} ms.`,
        },
        features: {
          extractor: 'mobilenet-v2 + attributes',
          done: Math.min(status.featureItems, extraction.total),
          total: extraction.total,
          ...(extraction.itemsPerSecond ? { itemsPerSecond: extraction.itemsPerSecond } : {}),
          ...(extraction.failed ? { failed: { ...extraction.failed } } : {}),
        },
        ...(status.backend
          ? {
              backend: {
                chosen: status.backend.chosen,
                candidates: status.backend.candidates.map((c) => ({
                  name: c.name,
                  chosen: c.status === 'chosen',
                  available: c.status === 'chosen' || c.status === 'slower' || c.status === 'not-tried',
                  ...(isBackendStatus(c.status) ? { status: c.status } : {}),
                  reason: c.reason,
                  ...(c.msPerOp !== undefined ? { millis: c.msPerOp } : {}),
                })),
              },
            }
          : {}),
        storage:
          storage.supported && storage.usageBytes !== null
            ? { usage: storage.usageBytes, quota: storage.quotaBytes ?? 0, persisted: storage.persisted }
            : undefined,
      };
    },
    async training() {
      return call('training/get', undefined);
    },
    async setRetrainDelay(ms) {
      try {
        return await call('training/configure', { retrainDelayMs: ms });
      } catch (err) {
        throw new RecsClientError(err instanceof Error ? err.message : String(err));
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (lastProgress) listener({ type: 'progress', progress: lastProgress });
      return () => listeners.delete(listener);
    },
  };
  return client;
}
