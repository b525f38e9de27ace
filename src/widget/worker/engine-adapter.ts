import { CatalogValidationError, parseCatalog } from '../../core/catalog/validate';
import type { Catalog } from '../../core/catalog/schema';
import { isInteractionKind, type Interaction } from '../../core/data/interactions';
import { decodeFeatureFile, FeatureFileError, matrixRow, type FeatureFile } from '../../features/feature-file';
import { readCatalogFeatures } from '../../features/catalog-features';
import { projectEmbedding, type EmbeddingSpace } from '../../features/embedding-space';
import { centerAndNormalize } from '../../features/embedding-post';
import { openStore, type GlimpseStore } from '../../storage';
import { GlimpseWidgetError, type CatalogSource, type CatalogSummary, type GlimpseErrorDetail, type RecommendedItem, type RecsRequest } from '../types';
import { attributeVector, ATTRIBUTES_EXTRACTOR } from '../../features/attributes';
import type { ImageAttributes } from '../../features/contract';
import type { VisionSummary } from '../types';
import { createAttributeFeaturizer, extractorLabel, type VisualFeaturizer } from './featurizer';
import { createHybridFeaturizer, hybridInfo, type HybridFeaturizer } from './hybrid-featurizer';
import { CNN_EXTRACTOR, VISION_FILE, type LoadVision } from './vision-types';
import { fitBlockSpace, type BlockSpace, type VisualParts } from './visual-space';
import { sha256Hex } from '../../features/sha256';
import type { FeatureInput } from '../../storage';
import { CORS_FIX, decode, decodeImage, fetchImage } from './image-source';
import type { EngineInit, EngineStats, Outcome, WidgetEngineApi } from './protocol';
import { rankByVector, rankForYou, rankSimilar, type IndexedItem } from './visual-ranking';
import type { CatalogItem } from '../../core/catalog/schema';

/** One catalog item's visual blocks before they are centred on the catalog and combined. */
type ItemParts = VisualParts & { item: CatalogItem; colour: string };

const colourOf = (a: Pick<ImageAttributes, 'colors'> | undefined) => a?.colors[0]?.name ?? '';

/** Images decoded at once: enough to overlap network and decode, few enough for a phone's memory. */
const CONCURRENCY = 4;

/** The partner's IndexedDB database for one catalog: one per catalog name, so two shops' widgets never mix. */
export function widgetDatabaseName(catalogName: string): string {
  return `glimpse-widget:${catalogName}`;
}

export interface EngineDeps {
  fetch: typeof fetch;
  openStore: (dbName: string) => Promise<GlimpseStore>;
  /** The on-device featurizer; the default is MobileNetV2 + attributes (lazy), attributes alone as fallback. */
  createFeaturizer: (init: EngineInit) => Promise<VisualFeaturizer>;
  /** Loads the shared MobileNetV2 extractor; default: import() of glimpse-vision.js next to the worker. */
  loadVision: LoadVision;
}

/**
 * import() of the vision module from the widget's own origin (CORS-enabled), kept opaque to the bundler so
 * TF.js stays out of the worker file; its chunks (TF.js core, the chosen backend) load the same way.
 */
const importVision: LoadVision = async (options) => {
  const url = new URL(VISION_FILE, options.assetsBase).href;
  const mod = (await import(/* @vite-ignore */ url)) as { loadVision: LoadVision };
  return mod.loadVision(options);
};

const defaultDeps = (): EngineDeps => ({
  fetch: (input, init) => fetch(input, init),
  openStore: (name) => openStore({ name }),
  createFeaturizer: async () => createAttributeFeaturizer(),
  loadVision: importVision,
});

const ATTRIBUTES_ONLY = (reason: string): VisionSummary => ({ mode: 'attributes', reason });

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
  /** The feature file's embedding space once adopted: on-device CNN vectors are projected into it. */
  #space: EmbeddingSpace | null = null;
  /** The catalog's per-block means: photos are combined in the same space as the items. */
  #blocks: BlockSpace | null = null;
  #store: GlimpseStore | null = null;
  #disposed = false;
  #vision: VisionSummary = ATTRIBUTES_ONLY('not loaded yet');
  /** Live TF.js tensors in this worker, once the vision module was loaded (survives dispose, for leak checks). */
  #tensors: (() => number) | null = null;

  constructor(deps: Partial<EngineDeps> = {}) {
    const base = defaultDeps();
    this.#deps = { ...base, ...deps };
    if (!deps.createFeaturizer) {
      this.#deps.createFeaturizer = async (init) => init.vision === 'attributes'
        ? createAttributeFeaturizer()
        : createHybridFeaturizer(() => this.#deps.loadVision({ assetsBase: init.assetsBase }));
    }
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
      if (!this.#featurizer) {
        this.#featurizer = await this.#deps.createFeaturizer(this.#init ?? { assetsBase: baseUrl });
        if (!isHybrid(this.#featurizer)) this.#vision = ATTRIBUTES_ONLY('colour, texture and shape only, as configured');
      }
      this.#store?.close();
      this.#store = null;
      const store = await this.#deps.openStore(widgetDatabaseName(catalog.name));
      if (this.#disposed) {
        store.close();
        throw new GlimpseWidgetError({ code: 'engine', message: 'The widget was removed while loading.', fix: GENERIC_FIX });
      }
      this.#store = store;
      const warnings: GlimpseErrorDetail[] = [];
      this.#space = null;
      const parts: (ItemParts | null)[] = new Array(items.length).fill(null);
      const featuresUrl = source.features ?? this.#catalog.features;
      const precomputed = featuresUrl ? await this.#readFeatureFile(featuresUrl, source.features !== undefined, parts, warnings) : false;
      await this.#extractAll(parts.flatMap((p, i) => (p ? [] : [i])), parts, warnings, store);
      // The model could not run for the items the file lacks: match every item on attributes, never mixed.
      const present = parts.filter((p): p is ItemParts => p !== null).map((p) => (isHybrid(this.#featurizer!) ? p : { ...p, cnn: null }));
      if (present.length === 0) {
        throw new GlimpseWidgetError({ ...warnings[0], message: `No catalog image could be read. First problem: ${warnings[0].message}` });
      }
      const blocks = fitBlockSpace(present);
      this.#blocks = blocks;
      this.#items = present.map((p) => ({ item: p.item, vector: blocks.combine(p), colour: p.colour }));
      if (!store.persistent) {
        warnings.push({ code: 'storage', message: 'IndexedDB is unavailable: personal recommendations last only until the page closes.', fix: 'Private browsing or blocked site data disables the memory; allow site data for this shop.' });
      }
      return {
        name: catalog.name,
        items: this.#items.length,
        features: precomputed ? 'precomputed' : 'device',
        skipped: items.length - this.#items.length,
        extractor: extractorLabel(blocks.hasCnn ? hybridInfo(this.#adoptedSpace()?.info) : ATTRIBUTES_EXTRACTOR),
        vision: this.#vision,
        warnings: warnings.map((w) => ({ ...w, recoverable: true })),
      };
    });
  }

  /**
   * Loads the MobileNetV2 model for on-device extraction; when it cannot load (blocked import(), no
   * WebAssembly, model unreachable) the widget goes on with the attribute featurizer and says why.
   */
  async #prepareVision(featurizer: HybridFeaturizer): Promise<boolean> {
    try {
      const model = await featurizer.prepare();
      this.#tensors = () => model.tensors();
      this.#vision = { mode: 'cnn+attributes', backend: model.backend, reason: model.backendReason };
      return true;
    } catch (err) {
      featurizer.dispose();
      this.#featurizer = createAttributeFeaturizer();
      this.#vision = { ...ATTRIBUTES_ONLY(`the visual model could not load (${err instanceof Error ? err.message : String(err)})`), fallback: true };
      return false;
    }
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
   * A precomputed feature file: the `features` attribute, else the catalog's `features` field. A file from
   * `npm run features` brings the catalog's own CNN space (mean + PCA): its rows are used as they are, and
   * images it lacks (new items, the shopper's photo) are extracted here and projected into that space, so
   * the model loads only when needed. A legacy attribute-vector file is used as is. A file from another
   * extractor (version) or another catalog is refused: fatally when the partner named it in the
   * attribute, else with a warning and on-device extraction. Fills `parts`; true when the file was used.
   */
  async #readFeatureFile(url: string, explicit: boolean, parts: (ItemParts | null)[], warnings: GlimpseErrorDetail[]): Promise<boolean> {
    const catalog = this.#catalog!;
    const refuse = (reason: string) => {
      const fix = `Re-run \`npm run features -- --catalog <your catalog.json>\` for the catalog "${catalog.name}" with this version of Glimpse and serve the new file${explicit ? '' : ' (or remove the catalog\'s features field)'}.`;
      const detail: GlimpseErrorDetail = {
        code: 'features-invalid', field: 'features',
        message: `The feature file ${url} was refused: ${reason}. ${fix}`,
        fix,
      };
      if (explicit) throw new GlimpseWidgetError(detail);
      warnings.push({ ...detail, message: `${detail.message} Extracting on this device instead.` });
      return false;
    };
    let file: FeatureFile;
    try {
      const res = await this.#deps.fetch(url, { credentials: 'omit' });
      if (!res.ok) return refuse(`HTTP ${res.status}`);
      file = decodeFeatureFile(new Uint8Array(await res.arrayBuffer()));
    } catch (err) {
      if (err instanceof FeatureFileError) return refuse(err.message);
      return refuse(`it could not be downloaded (${CORS_FIX})`);
    }
    if (sameInfo(file.extractor, ATTRIBUTES_EXTRACTOR)) return this.#useAttributeFile(file, parts, refuse);
    let features;
    try {
      features = readCatalogFeatures(file, { base: CNN_EXTRACTOR, attributes: ATTRIBUTES_EXTRACTOR, catalog: catalog.name, ids: catalog.items.map((it) => it.id) });
    } catch (err) {
      if (err instanceof FeatureFileError) return refuse(err.message);
      throw err;
    }
    const hybrid = isHybrid(this.#featurizer!);
    if (hybrid) {
      this.#space = features.space;
      this.#vision = { mode: 'cnn+attributes', reason: 'precomputed feature file; the model loads only for a photo search or items the file lacks' };
    }
    catalog.items.forEach((item, i) => {
      const row = features.rows.get(item.id);
      if (!row) return;
      parts[i] = { item, cnn: hybrid ? row.embedding : null, attr: attributeVector(row.attributes), colour: item.colors?.[0]?.name ?? colourOf(row.attributes) };
    });
    return true;
  }

  /** A file of attribute vectors: used as is (no TF.js download), and photos are matched the same way. */
  #useAttributeFile(file: FeatureFile, parts: (ItemParts | null)[], refuse: (reason: string) => boolean): boolean {
    const catalog = this.#catalog!;
    const matrix = file.matrices.embedding ?? Object.values(file.matrices)[0];
    if (!matrix || matrix.dims !== ATTRIBUTES_EXTRACTOR.dims) return refuse('no matrix with the attribute dimensions');
    const row = new Map(file.ids.map((id, i) => [id, i]));
    if (!catalog.items.some((it) => row.has(it.id))) return refuse(`none of its ids is in the catalog "${catalog.name}" (made for another catalog)`);
    if (isHybrid(this.#featurizer!)) {
      this.#featurizer!.dispose();
      this.#featurizer = createAttributeFeaturizer();
    }
    this.#vision = ATTRIBUTES_ONLY('the catalog\'s precomputed feature file holds attribute vectors');
    catalog.items.forEach((item, k) => {
      const i = row.get(item.id);
      if (i === undefined) return;
      const colour = item.colors?.[0]?.name ?? colourOf(file.items?.[i] as Pick<ImageAttributes, 'colors'> | undefined);
      parts[k] = { item, cnn: null, attr: matrixRow(matrix, i), colour };
    });
    return true;
  }

  /** (A method, so flow analysis does not pin the field to the null loadCatalog set before reading the file.) */
  #adoptedSpace(): EmbeddingSpace | null {
    return this.#space;
  }

  /** A device CNN embedding in the catalog's CNN space: the feature file's when one was adopted. */
  #cnnOf(raw: Float32Array): Float32Array {
    return this.#space ? projectEmbedding(this.#space, raw) : centerAndNormalize(raw, null);
  }

  /**
   * On-device features for the catalog images at `indices` (all of them without a feature file), cached in
   * this shop's database by image content hash: a returning visitor (or the next page of the shop)
   * re-downloads images from the HTTP cache and hashes them, and the model is loaded only if some image is
   * new. The cache holds raw parts (CNN embedding + attributes), so it stays valid whatever the catalog's
   * means or feature file; vectors of two extractors never mix.
   */
  async #extractAll(indices: number[], parts: (ItemParts | null)[], warnings: GlimpseErrorDetail[], store: GlimpseStore): Promise<void> {
    if (indices.length === 0) return;
    const catalog = this.#catalog!;
    const featurizer = this.#featurizer!;
    const hybrid = isHybrid(featurizer);
    const cache = await store.loadFeatures(featurizer.cacheInfo).catch(() => new Map<string, never>());
    // Problems per item, reported in catalog order whatever order the lanes finish in.
    const problems: (GlimpseErrorDetail | null)[] = new Array(catalog.items.length).fill(null);
    const misses: { index: number; hash: string; blob: Blob }[] = [];
    const toParts = (item: CatalogItem, cnn: Float32Array | null, attributes: ImageAttributes): ItemParts =>
      ({ item, cnn: cnn && this.#cnnOf(cnn), attr: attributeVector(attributes), colour: colourOf(attributes) });
    await this.#lanes(indices.length, problems, async (k) => {
      const index = indices[k];
      const item = catalog.items[index];
      const blob = await fetchImage(item.image, item.id, this.#deps.fetch);
      const hash = sha256Hex(new Uint8Array(await blob.arrayBuffer()));
      const hit = cache.get(hash);
      if (hit?.attributes) parts[index] = toParts(item, hybrid ? hit.embedding : null, hit.attributes);
      else misses.push({ index, hash, blob });
    }, (k) => indices[k]);
    if (misses.length > 0 && hybrid && !(await this.#prepareVision(featurizer))) {
      // The model could not load: start again in the attribute space (its own cache), never mixing vectors.
      return this.#extractAll(indices, parts, warnings, store);
    }
    if (misses.length === 0 && hybrid && !featurizer.model && !this.#space) {
      this.#vision = { mode: 'cnn+attributes', reason: 'features cached on this device; the model loads only for new images or a photo' };
    }
    const fresh: FeatureInput[] = [];
    await this.#lanes(misses.length, problems, async (k) => {
      const { index, hash, blob } = misses[k];
      const item = catalog.items[index];
      const pixels = await decodeImage(blob, item.image, item.id, featurizer.inputSize);
      const { cnn, attributes } = await featurizer.describe(pixels);
      parts[index] = toParts(item, cnn, attributes);
      fresh.push({
        hash, extractor: featurizer.cacheInfo, itemId: item.id, embedding: cnn ?? attributeVector(attributes),
        attributes: {
          colors: attributes.colors.map((c) => ({ name: c.name, hex: c.hex, weight: c.weight })),
          colorHistogram: attributes.colorHistogram.slice(), texture: attributes.texture.slice(), shape: attributes.shape.slice(),
          aspectRatio: attributes.aspectRatio, foreground: attributes.foreground,
        },
      });
    }, (k) => misses[k].index);
    if (fresh.length > 0) {
      // A full disk costs only the cache: the widget still works, it extracts again next time.
      await store.saveFeatures(fresh).catch(() => undefined);
    }
    for (const p of problems) if (p) warnings.push(p);
  }

  /** Runs `work` for 0..count-1 on CONCURRENCY lanes; a failure is recorded for its catalog item and the rest go on. */
  async #lanes(count: number, problems: (GlimpseErrorDetail | null)[], work: (k: number) => Promise<void>, itemIndex: (k: number) => number = (k) => k): Promise<void> {
    const catalog = this.#catalog!;
    let next = 0;
    const lane = async () => {
      while (next < count && !this.#disposed) {
        const k = next++;
        try {
          await work(k);
        } catch (err) {
          const item = catalog.items[itemIndex(k)];
          problems[itemIndex(k)] = err instanceof GlimpseWidgetError ? err.detail
            : { code: 'image-decode', itemId: item.id, field: 'image', message: `Item "${item.id}": ${err instanceof Error ? err.message : String(err)}`, fix: 'Use a clear product photo (JPEG, PNG or WebP).' };
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
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
        const featurizer = this.#featurizer!;
        const { cnn, attributes, colour } = await featurizer.describe(pixels);
        if (isHybrid(featurizer) && featurizer.model) this.#tensors ??= featurizer.model.tensors;
        const vector = this.#blocks!.combine({ cnn: cnn && this.#cnnOf(cnn), attr: attributeVector(attributes) });
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
    return { tensors: this.#tensors?.() ?? this.#featurizer?.tensors() ?? 0, openConnections: this.#store ? 1 : 0, items: this.#items.length };
  }

  async dispose(): Promise<EngineStats> {
    this.#disposed = true;
    this.#store?.close();
    this.#store = null;
    this.#featurizer?.dispose();
    this.#featurizer = null;
    this.#items = [];
    this.#blocks = null;
    this.#space = null;
    this.#catalog = null;
    // What is left after release: the leak check (tensors back to 0 once the model is disposed).
    return this.stats();
  }
}

const isHybrid = (f: VisualFeaturizer): f is HybridFeaturizer => typeof (f as Partial<HybridFeaturizer>).prepare === 'function';
const sameInfo = (a: { id: string; version: number; dims: number }, b: { id: string; version: number; dims: number }) =>
  a.id === b.id && a.version === b.version && a.dims === b.dims;
