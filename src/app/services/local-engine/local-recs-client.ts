import type { Catalog } from '../../../core/catalog/schema';
import { fitPca, projectPca } from '../../../features/pca';
import { paletteColor } from '../../../features/attributes/palette';
import { getStorageReport } from '../../../pwa/storage-persistence';
import {
  RecsClientError,
  type Insights,
  type Progress,
  type Recommendation,
  type RecsClient,
  type RecsEvent,
  type TasteMap,
} from '../recs-client';
import {
  complementaryCategories,
  createContentIndex,
  explain,
  nearest,
  personalScore,
  personalState,
  rankForYou,
  typicality,
  type ContentIndex,
  type PersonalState,
} from './content-ranker';
import { decodeToRgba, EXTRACTOR_TAG, FeatureCache, featuresOf, type ExtractedFeatures } from './extract';
import type { ProfileLog } from '../profile-log';

export interface LocalRecsOptions {
  catalog: Catalog;
  /** Identifies the catalog for the feature cache (its URL). */
  catalogKey: string;
  store: ProfileLog;
  fetch: typeof fetch;
  cache?: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Keeps the page responsive: extraction yields to the event loop after this much work. */
const SLICE_MS = 25;
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * RecsClient implemented in the page on the interim content model (content-ranker.ts). Feature
 * extraction runs in small slices with progress events, so the page never freezes.
 */
export function createLocalRecsClient(options: LocalRecsOptions): RecsClient {
  const { catalog, store } = options;
  const listeners = new Set<(event: RecsEvent) => void>();
  const emit = (event: RecsEvent) => {
    for (const l of [...listeners]) l(event);
  };
  const extraction = { done: 0, total: catalog.items.length, startedAt: 0, millis: 0 };
  let training: Insights['training'];
  let lastProgress: Progress | null = null;
  const progress = (p: Progress | null) => {
    lastProgress = p;
    emit({ type: 'progress', progress: p });
  };

  const indexReady: Promise<{ index: ContentIndex; typical: Float32Array }> = (async () => {
    const cache = new FeatureCache(options.cache, `${options.catalogKey}|${EXTRACTOR_TAG}`);
    const features: ExtractedFeatures[] = [];
    extraction.startedAt = performance.now();
    let sliceStart = performance.now();
    let fresh = 0;
    for (const item of catalog.items) {
      let f = cache.get(item.id);
      if (!f) {
        fresh++;
        try {
          const response = await options.fetch(item.image);
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          f = featuresOf(await decodeToRgba(await response.blob()));
        } catch {
          f = { vector: new Float32Array(0), colors: [] }; // A broken image is listed but never matched.
        }
        if (f.vector.length) cache.set(item.id, f);
      }
      // Catalog-provided colour names win over extracted ones (the partner knows their product).
      features.push(item.colors?.length ? { ...f, colors: item.colors.map((c) => ({ ...c })) } : f);
      extraction.done++;
      if (performance.now() - sliceStart > SLICE_MS) {
        const seconds = (performance.now() - extraction.startedAt) / 1000;
        if (fresh) progress({ task: 'features', done: extraction.done, total: extraction.total, rate: extraction.done / seconds });
        await yieldToPage();
        sliceStart = performance.now();
      }
    }
    extraction.millis = performance.now() - extraction.startedAt;
    if (fresh) cache.flush();
    progress(null);
    const dims = features.find((f) => f.vector.length)?.vector.length ?? 1;
    const index = createContentIndex(
      catalog.items.map((item, i) => ({
        id: item.id,
        category: item.category,
        inStock: item.inStock,
        source: item.source,
        vector: features[i].vector.length ? features[i].vector : new Float32Array(dims),
        colors: features[i].colors,
      })),
    );
    return { index, typical: typicality(index) };
  })();

  // The personal state is rebuilt after every change (milliseconds for a few thousand items).
  let personal: Promise<PersonalState> | null = null;
  const personalNow = async () => {
    if (!personal) {
      personal = indexReady.then(async ({ index }) => {
        const started = performance.now();
        progress({ task: 'training', done: 0, total: 1 });
        await yieldToPage();
        const state = personalState(index, await store.list(), Date.now());
        training = { model: 'content (attributes)', epochs: 1, millis: performance.now() - started, at: Date.now() };
        progress(null);
        return state;
      });
    }
    return personal;
  };
  const invalidate = () => {
    personal = null;
    emit({ type: 'changed' });
  };
  store.subscribe(invalidate);
  store.onChange(invalidate);

  const toRecs = (index: ContentIndex, state: PersonalState, list: { i: number; score: number }[], why?: Recommendation['explanations']) =>
    list.map(({ i, score }) => ({ itemId: index.items[i].id, score, explanations: why ?? explain(index, state, i) }));

  const indexOf = (index: ContentIndex, itemId: string) => {
    const i = index.byId.get(itemId);
    if (i === undefined) throw new RecsClientError(`Unknown item "${itemId}"`);
    return i;
  };

  const client: RecsClient = {
    async forYou({ k, category }) {
      const { index, typical } = await indexReady;
      const state = await personalNow();
      return rankForYou(index, state, typical, { k, filter: category ? (i) => index.items[i].category === category : undefined });
    },
    async similar(itemId, k = 8) {
      const { index } = await indexReady;
      const state = await personalNow();
      const i = indexOf(index, itemId);
      return toRecs(index, state, nearest(index, index.items[i].vector, k, i), [{ kind: 'similar-to', itemId, weight: 1 }]);
    },
    async youMayAlsoLike(itemId, k = 8) {
      const { index } = await indexReady;
      const state = await personalNow();
      const i = indexOf(index, itemId);
      const pool = nearest(index, index.items[i].vector, 60, i).filter(({ i: j }) => !state.hidden.has(j));
      const blended = pool
        .map(({ i: j, score }) => ({ i: j, score: 0.5 * score + personalScore(index, state, j) }))
        .sort((a, b) => b.score - a.score);
      return toRecs(index, state, blended.slice(0, k));
    },
    async completeTheLook(itemId, k = 6) {
      const { index } = await indexReady;
      const state = await personalNow();
      const i = indexOf(index, itemId);
      const anchor = index.items[i];
      const cats = complementaryCategories(index, anchor.category, 3);
      const out: Recommendation[] = [];
      const perCat = Math.max(1, Math.ceil(k / Math.max(1, cats.length)));
      for (const cat of cats) {
        const picks = index.items
          .map((item, j) => ({ j, item }))
          .filter(({ j, item }) => item.category === cat && item.inStock && !state.hidden.has(j))
          // Colour harmony with the anchor plus the shopper's own taste.
          .map(({ j }) => ({ j, score: 0.3 * dotVec(anchor.vector, index.items[j].vector) + personalScore(index, state, j) }))
          .sort((a, b) => b.score - a.score)
          .slice(0, perCat);
        for (const p of picks) out.push({ itemId: index.items[p.j].id, score: p.score, explanations: [{ kind: 'goes-with', category: anchor.category, weight: 1 }] });
      }
      return out.slice(0, k);
    },
    async searchByPhoto(photo, k = 12) {
      const { index } = await indexReady;
      const state = await personalNow();
      const started = performance.now();
      let f: ExtractedFeatures;
      try {
        f = featuresOf(await decodeToRgba(photo));
      } catch (err) {
        throw new RecsClientError(`This photo could not be read (${err instanceof Error ? err.message : String(err)}).`);
      }
      const results = toRecs(index, state, nearest(index, f.vector, k), [{ kind: 'looks-like', weight: 1 }]);
      return { results, colors: f.colors, millis: performance.now() - started };
    },
    async relevance() {
      const { index, typical } = await indexReady;
      const state = await personalNow();
      const cold = state.evidence === 0;
      return new Map(index.items.map((item, i) => [item.id, cold ? typical[i] : personalScore(index, state, i)]));
    },
    async itemColors() {
      const { index } = await indexReady;
      return new Map(index.items.map((item) => [item.id, item.colors]));
    },
    async profile() {
      const state = await personalNow();
      const withHex = (name: string) => paletteColor(name)?.hex;
      return {
        events: (await store.list()).length,
        paused: await store.paused(),
        colors: state.colors.map((p) => ({ ...p, hex: withHex(p.name) })),
        categories: state.categories.map((p) => ({ ...p })),
        textures: [],
        shapes: [],
      };
    },
    async tasteMap(): Promise<TasteMap> {
      const { index } = await indexReady;
      const state = await personalNow();
      const rows = index.items.map((item) => item.vector);
      if (rows.length < 2) return { method: 'PCA', points: [] };
      const model = fitPca(rows, 2, { seed: 7 });
      const points = index.items.map((item, i) => {
        const p = projectPca(model, item.vector);
        return { itemId: item.id, x: p[0], y: p[1], affinity: state.affinity.get(i) ?? 0 };
      });
      let sx = 0,
        sy = 0,
        sw = 0;
      for (const p of points)
        if (p.affinity > 0) {
          sx += p.affinity * p.x;
          sy += p.affinity * p.y;
          sw += p.affinity;
        }
      return { method: `PCA of ${EXTRACTOR_TAG} vectors (${(model.explained * 100).toFixed(0)}% of variance)`, points, taste: sw ? { x: sx / sw, y: sy / sw } : undefined };
    },
    async history() {
      return (await store.history()).reverse();
    },
    async removeInteraction(id) {
      await store.remove(id);
      invalidate(); // The log may not announce its own changes (e.g. the worker in this tab).
    },
    async setPaused(paused) {
      await store.setPaused(paused);
      invalidate();
    },
    async exportData() {
      return new Blob([await store.exportJson()], { type: 'application/json' });
    },
    async importData(file) {
      progress({ task: 'import', done: 0, total: 1 });
      try {
        const events = await store.importJson(await file.text());
        invalidate();
        return { events };
      } finally {
        progress(null);
      }
    },
    async wipe() {
      // No re-query here: listing the log right after a wipe would reopen the deleted database.
      await store.wipe();
    },
    async insights() {
      const storage = await getStorageReport();
      const seconds = extraction.millis / 1000;
      return {
        engine: {
          name: 'in-page content model (interim)',
          description:
            'Colour, texture and shape attributes extracted in this page; ranking by attribute similarity and named-colour preferences. The TF.js worker engine replaces it when wired.',
        },
        features: {
          extractor: EXTRACTOR_TAG,
          done: extraction.done,
          total: extraction.total,
          itemsPerSecond: seconds > 0 ? extraction.done / seconds : undefined,
        },
        training,
        storage: storage.supported && storage.usageBytes !== null ? { usage: storage.usageBytes, quota: storage.quotaBytes ?? 0, persisted: storage.persisted } : undefined,
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      if (lastProgress) listener({ type: 'progress', progress: lastProgress });
      return () => listeners.delete(listener);
    },
  };
  return client;
}

function dotVec(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
