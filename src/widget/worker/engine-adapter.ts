import { CatalogValidationError, parseCatalog } from '../../core/catalog/validate';
import type { Catalog } from '../../core/catalog/schema';
import { isInteractionKind, type Interaction } from '../../core/data/interactions';
import { GlimpseWidgetError, type CatalogSource, type CatalogSummary, type GlimpseErrorDetail, type RecommendedItem, type RecsRequest } from '../types';
import { createColourFeaturizer, type VisualFeaturizer } from './featurizer';
import { decode, loadImagePixels } from './image-source';
import { openInteractionStore, type InteractionStore } from './interaction-store';
import type { EngineInit, EngineStats, Outcome, WidgetEngineApi } from './protocol';
import { rankByVector, rankForYou, rankSimilar, type IndexedItem } from './visual-ranking';

/** Images decoded at once: enough to overlap network and decode, few enough for a phone's memory. */
const CONCURRENCY = 4;

export interface EngineDeps {
  fetch: typeof fetch;
  openStore: (catalogName: string) => Promise<InteractionStore>;
  createFeaturizer: (init: EngineInit) => Promise<VisualFeaturizer>;
}

const defaultDeps = (): EngineDeps => ({
  fetch: (input, init) => fetch(input, init),
  openStore: (name) => openInteractionStore(name),
  createFeaturizer: async () => createColourFeaturizer(),
});

async function outcome<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    if (err instanceof GlimpseWidgetError) return { ok: false, error: err.detail };
    if (err instanceof CatalogValidationError) {
      const first = err.issues[0];
      return { ok: false, error: { code: 'catalog-invalid', message: err.message, fix: 'Fix the named field in the catalog JSON (format: docs/CATALOG.md).', field: first?.path, itemId: first?.itemId } };
    }
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { code: 'engine', message, fix: 'Reload the page; if it persists, report it with this message.' } };
  }
}

/**
 * The widget's engine, running inside its Web Worker: fetches and validates the partner catalog, extracts
 * visual features from the partner's images on this device, keeps the shopper's log in this origin's
 * IndexedDB and ranks. It fetches only what the partner's catalog names; it sends nothing.
 */
export class WidgetEngineService implements WidgetEngineApi {
  #deps: EngineDeps;
  #init: EngineInit | null = null;
  #featurizer: VisualFeaturizer | null = null;
  #catalog: Catalog | null = null;
  #items: IndexedItem[] = [];
  #store: InteractionStore | null = null;

  constructor(deps: Partial<EngineDeps> = {}) {
    this.#deps = { ...defaultDeps(), ...deps };
  }

  init(options: EngineInit): Promise<Outcome<void>> {
    return outcome(async () => {
      this.#init = options;
    });
  }

  loadCatalog(source: CatalogSource): Promise<Outcome<CatalogSummary>> {
    return outcome(async () => {
      const { raw, baseUrl } = await this.#readCatalog(source);
      const catalog = parseCatalog(raw);
      // Image URLs are relative to the catalog file, like links in a web page.
      const items = catalog.items.map((it) => ({
        ...it,
        image: new URL(it.image, baseUrl).href,
        ...(it.thumbnail ? { thumbnail: new URL(it.thumbnail, baseUrl).href } : {}),
      }));
      this.#catalog = { ...catalog, items };
      this.#featurizer ??= await this.#deps.createFeaturizer(this.#init ?? { assetsBase: baseUrl });
      const warnings: GlimpseErrorDetail[] = [];
      this.#items = await this.#extractAll(warnings);
      if (this.#items.length === 0) throw new GlimpseWidgetError({ ...warnings[0], message: `No catalog image could be read. First problem: ${warnings[0].message}` });
      this.#store?.close();
      try {
        this.#store = await this.#deps.openStore(catalog.name);
      } catch (err) {
        throw new GlimpseWidgetError({ code: 'storage', message: `IndexedDB is unavailable: ${err instanceof Error ? err.message : String(err)}`, fix: 'Private browsing or blocked site data disables personal recommendations; allow site data for this shop.' });
      }
      return {
        name: catalog.name, items: this.#items.length, features: 'device', skipped: items.length - this.#items.length,
        extractor: this.#featurizer.id, warnings: warnings.map((w) => ({ ...w, recoverable: true })),
      };
    });
  }

  async #readCatalog(source: CatalogSource): Promise<{ raw: unknown; baseUrl: string }> {
    if ('data' in source) return { raw: source.data, baseUrl: source.baseUrl };
    let res: Response;
    try {
      res = await this.#deps.fetch(source.url, { credentials: 'omit' });
    } catch {
      throw new GlimpseWidgetError({ code: 'catalog-fetch', message: `The catalog ${source.url} could not be downloaded (network error or missing CORS headers).`, fix: 'Host the catalog on the same origin as the page, or serve it with Access-Control-Allow-Origin.' });
    }
    if (!res.ok) {
      throw new GlimpseWidgetError({ code: 'catalog-fetch', message: `The catalog ${source.url} answered HTTP ${res.status}.`, fix: 'Check the catalog attribute: it must point at the catalog JSON file.' });
    }
    try {
      return { raw: await res.json(), baseUrl: res.url || source.url };
    } catch {
      throw new GlimpseWidgetError({ code: 'catalog-invalid', message: `The catalog ${source.url} is not valid JSON.`, fix: 'Validate the file with a JSON linter; the format is in docs/CATALOG.md.' });
    }
  }

  async #extractAll(warnings: GlimpseErrorDetail[]): Promise<IndexedItem[]> {
    const catalog = this.#catalog!;
    const featurizer = this.#featurizer!;
    const out: (IndexedItem | null)[] = new Array(catalog.items.length).fill(null);
    let next = 0;
    const worker = async () => {
      while (next < catalog.items.length) {
        const i = next++;
        const item = catalog.items[i];
        try {
          const pixels = await loadImagePixels(item.image, item.id, featurizer.inputSize, this.#deps.fetch);
          const { vector, colour } = await featurizer.describe(pixels);
          out[i] = { item, vector, colour };
        } catch (err) {
          if (err instanceof GlimpseWidgetError) warnings.push(err.detail);
          else throw err;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return out.filter((x): x is IndexedItem => x !== null);
  }

  recommend(request: RecsRequest): Promise<Outcome<RecommendedItem[]>> {
    return outcome(async () => {
      if (!this.#catalog || !this.#store) throw new GlimpseWidgetError({ code: 'engine', message: 'No catalog loaded.', fix: 'Set the catalog attribute or catalogData property.' });
      const count = Math.max(1, Math.min(50, Math.floor(request.count)));
      if (request.mode === 'similar') {
        const recs = rankSimilar(this.#items, request.itemId ?? '', count);
        if (!recs) throw this.#unknownItem(request.itemId ?? '');
        return recs;
      }
      if (request.mode === 'by-photo') {
        if (!request.photo) throw new GlimpseWidgetError({ code: 'no-photo', message: 'mode="by-photo" needs a photo.', fix: 'Let the shopper pick a photo, or set the photo property to a Blob.' });
        let pixels;
        try {
          pixels = await decode(request.photo, this.#featurizer!.inputSize);
        } catch {
          throw new GlimpseWidgetError({ code: 'image-decode', message: 'The chosen photo could not be decoded.', fix: 'Choose a JPEG, PNG or WebP photo.' });
        }
        const { vector, colour } = await this.#featurizer!.describe(pixels);
        return rankByVector(this.#items, vector, count, new Set(), () => ({ kind: 'photo', color: colour }));
      }
      return rankForYou(this.#items, await this.#store.all(), count);
    });
  }

  #unknownItem(itemId: string): GlimpseWidgetError {
    return new GlimpseWidgetError({ code: 'unknown-item', itemId, field: 'item-id', message: `Item "${itemId}" is not in the catalog "${this.#catalog?.name}".`, fix: 'Use an id from the catalog items (item-id attribute or track() itemId).' });
  }

  track(event: Interaction): Promise<Outcome<void>> {
    return outcome(async () => {
      if (!this.#catalog || !this.#store) throw new GlimpseWidgetError({ code: 'engine', message: 'No catalog loaded.', fix: 'Wait for glimpse-ready before calling track().' });
      if (!isInteractionKind(event.kind)) throw new GlimpseWidgetError({ code: 'bad-event', message: `Unknown event kind "${String(event.kind)}".`, fix: 'Use view, dwell, like, save, add-to-cart, purchase, rating, dismiss or not-interested.' });
      if (!this.#catalog.items.some((it) => it.id === event.itemId)) throw this.#unknownItem(event.itemId);
      await this.#store.add(event);
    });
  }

  async stats(): Promise<EngineStats> {
    return { tensors: this.#featurizer?.tensors() ?? 0, openConnections: this.#store?.open ? 1 : 0, items: this.#items.length };
  }

  async dispose(): Promise<void> {
    this.#store?.close();
    this.#store = null;
    this.#featurizer?.dispose();
    this.#featurizer = null;
    this.#items = [];
    this.#catalog = null;
  }
}
