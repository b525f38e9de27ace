import { CatalogValidationError, parseCatalog } from '../../core/catalog/validate';
import type { Catalog } from '../../core/catalog/schema';
import { isInteractionKind, type Interaction } from '../../core/data/interactions';
import { decodeFeatureFile, FeatureFileError, matrixRow } from '../../features/feature-file';
import { openStore, type GlimpseStore } from '../../storage';
import { GlimpseWidgetError, type CatalogSource, type CatalogSummary, type GlimpseErrorDetail, type RecommendedItem, type RecsRequest } from '../types';
import { createAttributeFeaturizer, extractorLabel, type VisualFeaturizer } from './featurizer';
import { CORS_FIX, decode, loadImagePixels } from './image-source';
import type { EngineInit, EngineStats, Outcome, WidgetEngineApi } from './protocol';
import { rankByVector, rankForYou, rankSimilar, type IndexedItem } from './visual-ranking';

/** Images decoded at once: enough to overlap network and decode, few enough for a phone's memory. */
const CONCURRENCY = 4;

/** The partner's IndexedDB database for one catalog: one per catalog name, so two shops' widgets never mix. */
export function widgetDatabaseName(catalogName: string): string {
  return `glimpse-widget:${catalogName}`;
}

export interface EngineDeps {
  fetch: typeof fetch;
  openStore: (dbName: string) => Promise<GlimpseStore>;
  createFeaturizer: (init: EngineInit) => Promise<VisualFeaturizer>;
}

const defaultDeps = (): EngineDeps => ({
  fetch: (input, init) => fetch(input, init),
  openStore: (name) => openStore({ name }),
  createFeaturizer: async () => createAttributeFeaturizer(),
});

const GENERIC_FIX = 'Reload the page; if it persists, report it with this message.';

async function outcome<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    if (err instanceof GlimpseWidgetError) return { ok: false, error: err.detail };
    if (err instanceof CatalogValidationError) {
      const first = err.issues[0];
      return {
        ok: false,
        error: { code: 'catalog-invalid', message: err.message, fix: 'Fix the named field in the catalog JSON (format: docs/CATALOG.md).', field: first?.path, itemId: first?.itemId },
      };
    }
    return { ok: false, error: { code: 'engine', message: err instanceof Error ? err.message : String(err), fix: GENERIC_FIX } };
  }
}

/**
 * The widget's engine, running inside its Web Worker: fetches and validates the partner catalog, takes the
 * catalog's precomputed feature file or extracts features from the partner's images on this device, keeps
 * the shopper's log in this origin's IndexedDB (src/storage) and ranks with the shared taste profile
 * (src/core/profile). It fetches only what the partner's catalog names; it sends nothing.
 */
export class WidgetEngineService implements WidgetEngineApi {
  #deps: EngineDeps;
  #init: EngineInit | null = null;
  #featurizer: VisualFeaturizer | null = null;
  #catalog: Catalog | null = null;
  #items: IndexedItem[] = [];
  #store: GlimpseStore | null = null;
  #disposed = false;

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
      this.#catalog = { ...catalog, items, ...(catalog.features ? { features: new URL(catalog.features, baseUrl).href } : {}) };
      this.#featurizer ??= await this.#deps.createFeaturizer(this.#init ?? { assetsBase: baseUrl });
      const warnings: GlimpseErrorDetail[] = [];
      const precomputed = await this.#readFeatureFile(warnings);
      this.#items = precomputed ?? (await this.#extractAll(warnings));
      if (this.#items.length === 0) {
        throw new GlimpseWidgetError({ ...warnings[0], message: `No catalog image could be read. First problem: ${warnings[0].message}` });
      }
      this.#store?.close();
      const store = await this.#deps.openStore(widgetDatabaseName(catalog.name));
      if (this.#disposed) {
        store.close();
        throw new GlimpseWidgetError({ code: 'engine', message: 'The widget was removed while loading.', fix: GENERIC_FIX });
      }
      this.#store = store;
      if (!store.persistent) {
        warnings.push({ code: 'storage', message: 'IndexedDB is unavailable: personal recommendations last only until the page closes.', fix: 'Private browsing or blocked site data disables the memory; allow site data for this shop.' });
      }
      return {
        name: catalog.name,
        items: this.#items.length,
        features: precomputed ? 'precomputed' : 'device',
        skipped: items.length - this.#items.length,
        extractor: extractorLabel(this.#featurizer.info),
        warnings: warnings.map((w) => ({ ...w, recoverable: true })),
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

  /**
   * The catalog's precomputed feature file (`features` field, made by `npm run features`), when it was made
   * by the extractor this widget runs (vectors of two extractors are never mixed). Lets partners whose
   * images lack CORS headers still use the widget. Any problem falls back to on-device extraction.
   */
  async #readFeatureFile(warnings: GlimpseErrorDetail[]): Promise<IndexedItem[] | null> {
    const catalog = this.#catalog!;
    const info = this.#featurizer!.info;
    if (!catalog.features) return null;
    const problem = (message: string) => {
      warnings.push({ code: 'features-invalid', field: 'features', message: `Feature file ${catalog.features}: ${message}; extracting on this device instead.`, fix: `Regenerate it with \`npm run features\` for extractor ${extractorLabel(info)}.` });
      return null;
    };
    let bytes: Uint8Array;
    try {
      const res = await this.#deps.fetch(catalog.features, { credentials: 'omit' });
      if (!res.ok) return problem(`HTTP ${res.status}`);
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch {
      return problem(`could not be downloaded (${CORS_FIX})`);
    }
    try {
      const file = decodeFeatureFile(bytes);
      if (file.extractor.id !== info.id || file.extractor.version !== info.version || file.extractor.dims !== info.dims) {
        return problem(`made by ${extractorLabel(file.extractor)}, this widget runs ${extractorLabel(info)}`);
      }
      const matrix = file.matrices.embedding ?? Object.values(file.matrices)[0];
      if (!matrix || matrix.dims !== info.dims) return problem('no matrix with the extractor\'s dimensions');
      const row = new Map(file.ids.map((id, i) => [id, i]));
      const out: IndexedItem[] = [];
      for (const item of catalog.items) {
        const i = row.get(item.id);
        if (i === undefined) continue;
        const colour = item.colors?.[0]?.name ?? (file.items?.[i] as { colors?: { name?: string }[] } | undefined)?.colors?.[0]?.name ?? '';
        out.push({ item, vector: matrixRow(matrix, i), colour });
      }
      if (out.length === 0) return problem('none of its ids is in the catalog');
      return out;
    } catch (err) {
      if (err instanceof FeatureFileError) return problem(err.message);
      throw err;
    }
  }

  async #extractAll(warnings: GlimpseErrorDetail[]): Promise<IndexedItem[]> {
    const catalog = this.#catalog!;
    const featurizer = this.#featurizer!;
    const out: (IndexedItem | null)[] = new Array(catalog.items.length).fill(null);
    // Problems per item, reported in catalog order whatever order the lanes finish in.
    const problems: (GlimpseErrorDetail | null)[] = new Array(catalog.items.length).fill(null);
    let next = 0;
    const lane = async () => {
      while (next < catalog.items.length && !this.#disposed) {
        const i = next++;
        const item = catalog.items[i];
        try {
          const pixels = await loadImagePixels(item.image, item.id, featurizer.inputSize, this.#deps.fetch);
          const { vector, colour } = await featurizer.describe(pixels);
          out[i] = { item, vector, colour };
        } catch (err) {
          if (err instanceof GlimpseWidgetError) problems[i] = err.detail;
          else problems[i] = ({ code: 'image-decode', itemId: item.id, field: 'image', message: `Item "${item.id}": ${err instanceof Error ? err.message : String(err)}`, fix: 'Use a clear product photo (JPEG, PNG or WebP).' });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    for (const p of problems) if (p) warnings.push(p);
    return out.filter((x): x is IndexedItem => x !== null);
  }

  #loaded(): { catalog: Catalog; store: GlimpseStore } {
    if (!this.#catalog || !this.#store) throw new GlimpseWidgetError({ code: 'engine', message: 'No catalog loaded.', fix: 'Wait for glimpse-ready (set the catalog attribute or catalogData property first).' });
    return { catalog: this.#catalog, store: this.#store };
  }

  recommend(request: RecsRequest): Promise<Outcome<RecommendedItem[]>> {
    return outcome(async () => {
      const { store } = this.#loaded();
      const count = Math.max(1, Math.min(50, Math.floor(request.count)));
      if (request.mode === 'similar') {
        const recs = rankSimilar(this.#items, request.itemId ?? '', count);
        if (!recs) throw this.#unknownItem(request.itemId ?? '', 'item-id');
        return recs;
      }
      if (request.mode === 'by-photo') {
        if (!request.photo) throw new GlimpseWidgetError({ code: 'no-photo', message: 'mode="by-photo" needs a photo.', fix: 'Let the shopper pick a photo, or set the photo property to a Blob.' });
        let pixels;
        try {
          pixels = await decode(request.photo, this.#featurizer!.inputSize);
        } catch {
          throw new GlimpseWidgetError({ code: 'image-decode', field: 'photo', message: 'The chosen photo could not be decoded.', fix: 'Choose a JPEG, PNG or WebP photo.' });
        }
        const { vector, colour } = await this.#featurizer!.describe(pixels);
        return rankByVector(this.#items, vector, count, new Set(), () => ({ kind: 'photo', color: colour }));
      }
      return rankForYou(this.#items, await store.loadInteractions(), count);
    });
  }

  #unknownItem(itemId: string, field: string): GlimpseWidgetError {
    return new GlimpseWidgetError({ code: 'unknown-item', itemId, field, message: `Item "${itemId}" is not in the catalog "${this.#catalog?.name}".`, fix: 'Use an id from the catalog items.' });
  }

  track(event: Interaction): Promise<Outcome<void>> {
    return outcome(async () => {
      const { catalog, store } = this.#loaded();
      if (!isInteractionKind(event.kind)) throw new GlimpseWidgetError({ code: 'bad-event', message: `Unknown event kind "${String(event.kind)}".`, fix: 'Use view, dwell, like, save, add-to-cart, purchase, rating, dismiss or not-interested.' });
      if (!catalog.items.some((it) => it.id === event.itemId)) throw this.#unknownItem(event.itemId, 'itemId');
      try {
        await store.appendInteraction(event);
      } catch (err) {
        throw new GlimpseWidgetError({ code: 'storage', message: `Could not save the event: ${err instanceof Error ? err.message : String(err)}`, fix: 'Check that site data is allowed for this shop.' });
      }
    });
  }

  async stats(): Promise<EngineStats> {
    return { tensors: this.#featurizer?.tensors() ?? 0, openConnections: this.#store ? 1 : 0, items: this.#items.length };
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    this.#store?.close();
    this.#store = null;
    this.#featurizer?.dispose();
    this.#featurizer = null;
    this.#items = [];
    this.#catalog = null;
  }
}
