import { z } from 'zod';
import { CatalogValidationError, parseCatalog } from '../core/catalog/validate';
import type { CatalogItem } from '../core/catalog/schema';
import { isInteractionKind, type Interaction } from '../core/data/interactions';
import { buildProfile, lessLikeThis, shouldLearn, type ItemFacts, type Profile } from '../core/profile';
import {
  GlimpseStore,
  MemoryBackend,
  StorageError,
  exportEverything,
  featureKey,
  importEverything,
  wipeEverything,
  type FeatureRecord,
  type InteractionRecord,
  type ProfileRecord,
  type RepairNotice,
  type WipeReport,
} from '../storage';
import type { ExtractorInfo, ImageAttributes } from '../features/contract';
import { attributesAt, decodeFeatureFile, matrixRow, type FeatureFile } from '../features/feature-file';
import type { NamedColor } from '../core/catalog/schema';
import { fitPca, projectPca, type PcaModel } from '../features/pca';
import { sha256Hex } from '../features/sha256';
import {
  GlimpseError,
  type ArgsOf,
  type ErrorPayload,
  type ExtractResult,
  type ItemScore,
  type PhotoMatch,
  type TasteMapView,
  type Method,
  type ProfileView,
  type Recommendation,
  type RecordResult,
  type ResultOf,
  type ServiceEvent,
  type StatusView,
  type StoredEvent,
  type TrainingTrigger,
  type TrainingView,
  type TrainResult,
} from './protocol';
import type {
  EnginePort,
  ItemView,
  RecommenderInput,
  RecommenderPort,
  TaskContext,
  TrainedParameters,
  UserParameters,
} from './ports';
import { createTasteRecommender } from './taste-recommender';
import { VersionedMap } from './versioned-map';
import { DEFAULT_RETRAIN_DELAY_MS, TrainingTracker, inSampleAuc, isRetrainDelay } from './training';
import { runWindowed } from '../shared/windowed';

export interface StoreHooks {
  onRepair: (notice: RepairNotice) => void;
  onVersionChange: (error: StorageError) => void;
}

export interface ServiceDeps {
  /** Opens storage (IndexedDB or the memory fallback); the hooks feed service events. */
  openStore: (hooks: StoreHooks) => Promise<GlimpseStore>;
  /** Starts the feature engine; a rejection leaves the service working without extraction (engine: 'failed'). */
  engine?: () => Promise<EnginePort>;
  recommender?: RecommenderPort;
  wipe?: () => Promise<WipeReport>;
  now?: () => number;
  /** Reads a precomputed feature file named by a catalog (fetch in the browser, the file system in tests). */
  fetchBytes?: (url: string) => Promise<Uint8Array>;
  /** Default debounce for background full retraining after new events (the stored setting wins); 0 = off. */
  retrainDelayMs?: number;
}

const CURRENT_CATALOG = 'current';
const ACTIVE_EXTRACTOR = 'activeExtractor';
/** The embedding space of the last feature file adopted, so a restart (e.g. offline) resumes in it. */
const ACTIVE_SPACE = 'activeSpace';
/** Content hash of the last feature file whose rows were stored. */
const FEATURE_FILE = 'featureFile';
/** The shopper's background retrain delay (Insights: "Retrain in the background after"). */
const RETRAIN_DELAY = 'retrainDelayMs';
/** Events that mean "seen and acted on": hidden from recommendations unless includeSeen. */
const ACTED = new Set<Interaction['kind']>([
  'like',
  'save',
  'add-to-cart',
  'purchase',
  'dismiss',
  'not-interested',
]);
const FEATURE_BATCH = 16;
/**
 * Items extracted at once: one in the model, the others being fetched, hashed and decoded. Each step of an
 * item needs a turn of the engine's thread, which it only gets between two model runs, so a deep window
 * keeps the model fed: in Chromium here 3 kept it busy ~75% of the time, 6 ~82%, 8 ~84%.
 */
export const EXTRACT_IN_FLIGHT = 6;

const noProgress: TaskContext = { signal: new AbortController().signal, onProgress: () => undefined };

/** Maps anything thrown to the protocol's structured error. */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (e instanceof GlimpseError) return e.toPayload();
  if (e instanceof StorageError) {
    const code = e.code === 'failed' ? 'internal' : e.code;
    return { code, message: e.message };
  }
  if (e instanceof CatalogValidationError)
    return { code: 'invalid-input', message: e.message, details: e.issues };
  if (e && typeof e === 'object' && (e as Error).name === 'AbortError')
    return { code: 'aborted', message: 'Cancelled.' };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new GlimpseError('aborted', 'Cancelled.');
}

/**
 * Glimpse's engine-side service: storage + feature engine + recommender + profile maths. The same class
 * runs inside the Worker and in-process (fallback). Mutations run one at a time (a queue), each durable
 * before it resolves; background retraining runs beside them and is reconciled when it finishes.
 */
export class GlimpseService {
  private store!: GlimpseStore;
  private engine: EnginePort | undefined;
  private engineState: StatusView['engine'] = 'none';
  private engineError: string | undefined;
  private readonly recommender: RecommenderPort;
  private readonly now: () => number;
  private catalog: CatalogItem[] = [];
  private features = new VersionedMap<string, FeatureRecord>();
  private log: InteractionRecord[] = [];
  private controls: ProfileRecord = { key: 'current', paused: false, updatedAt: 0 };
  private params: UserParameters | undefined;
  private paramsVersion = 0;
  private readonly listeners = new Set<(e: ServiceEvent) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private retrainTimer: ReturnType<typeof setTimeout> | undefined;
  private retrainAbort: AbortController | undefined;
  private readonly training: TrainingTracker;
  private notice: string | undefined;
  private unsubscribeExternal: (() => void) | undefined;

  private constructor(private readonly deps: ServiceDeps) {
    this.recommender = deps.recommender ?? createTasteRecommender();
    this.now = deps.now ?? Date.now;
    this.training = new TrainingTracker(Math.max(0, deps.retrainDelayMs ?? DEFAULT_RETRAIN_DELAY_MS));
  }

  /** Opens storage, starts the engine and resumes everything confirmed before (catalog, features, log, parameters). */
  static async create(deps: ServiceDeps): Promise<GlimpseService> {
    const service = new GlimpseService(deps);
    service.store = await deps.openStore({
      onRepair: (n) => service.emit({ type: 'storage/repaired', store: n.store, problem: n.problem }),
      onVersionChange: (e) => service.emit({ type: 'storage/version-change', message: e.message }),
    });
    if (!service.store.persistent)
      service.notice = service.store.fallbackReason?.message ?? 'Nothing will be kept.';
    if (deps.engine) {
      try {
        service.engine = await deps.engine();
        service.engineState = 'ready';
      } catch (e) {
        service.engineState = 'failed';
        service.engineError = e instanceof Error ? e.message : String(e);
      }
    }
    await service.resume();
    service.watchOtherTabs();
    return service;
  }

  on(listener: (e: ServiceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ServiceEvent): void {
    for (const l of this.listeners) l(event);
  }

  /** Runs mutations one at a time so the log, the parameters and their checkpoints stay consistent. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async resume(): Promise<void> {
    const store = this.store;
    this.catalog = (await store.loadCatalog(CURRENT_CATALOG))?.catalog.items ?? [];
    if (this.engine?.useSpace) {
      const saved = await store.loadSetting(ACTIVE_SPACE, spaceSchema);
      if (saved) this.engine.useSpace(saved.meta, saved.info);
    }
    const extractor = this.engine?.extractor ?? (await store.loadSetting(ACTIVE_EXTRACTOR, extractorSchema));
    this.features = new VersionedMap();
    if (extractor) {
      for (const f of (await store.loadFeatures(extractor)).values()) this.features.set(f.itemId, f);
    }
    this.log = await store.loadInteractions();
    this.controls = await store.loadProfileState();
    const saved = await store.loadParameters(this.paramsKey);
    this.params = saved && { rows: saved.rows, cols: saved.cols, data: saved.data, info: saved.info };
    this.paramsVersion = saved?.version ?? 0;
    const delay = await store.loadSetting(RETRAIN_DELAY, retrainDelaySchema);
    if (delay !== undefined) this.training.retrainDelayMs = delay;
  }

  private watchOtherTabs(): void {
    this.unsubscribeExternal?.();
    this.unsubscribeExternal = this.store.onExternalChange(() => {
      void this.serial(() => this.resume()).then(
        () => {
          this.emit({ type: 'profile/changed' });
          this.emit({ type: 'recs/changed', parametersVersion: this.paramsVersion });
        },
        () => undefined,
      );
    });
  }

  private get paramsKey(): string {
    return `user:${this.recommender.id}`;
  }

  // ---- dispatch (protocol method -> implementation) ----

  handle<M extends Method>(method: M, args: ArgsOf<M>, ctx: TaskContext = noProgress): Promise<ResultOf<M>> {
    const a = args as never;
    const table: { [K in Method]: () => Promise<ResultOf<K>> } = {
      'status/get': () => this.status(),
      'catalog/load': () => this.loadCatalog(a),
      'features/extract': () => this.extractFeatures(a ?? {}, ctx),
      'model/train': () => this.train(ctx),
      'training/get': async () => this.training.view(),
      'training/configure': () => this.configureTraining(a),
      'recs/rank': () => this.rank(a),
      'recs/similar': () => this.similar(a),
      'recs/scores': () => this.scores(),
      'recs/by-photo': () => this.byPhoto(a, ctx),
      'events/record': () => this.record(a),
      'events/list': () => this.listEvents(),
      'events/remove': () => this.removeEvent(a),
      'profile/get': () => this.getProfile(),
      'profile/map': () => this.tasteMap(),
      'features/colors': () => this.colors(),
      'profile/pause': () => this.pause(a),
      'profile/less-like-this': () => this.lessLikeThis(a),
      'profile/reset': () => this.reset(),
      'privacy/export': () => this.exportData(),
      'privacy/import': () => this.importData(a),
      'privacy/wipe': () => this.wipe(),
    };
    const fn = table[method];
    if (!fn) return Promise.reject(new GlimpseError('invalid-input', `Unknown method "${String(method)}".`));
    return fn() as Promise<ResultOf<M>>;
  }

  async status(): Promise<StatusView> {
    return {
      persistent: this.store.persistent,
      ...(this.notice ? { notice: this.notice } : {}),
      engine: this.engineState,
      ...(this.engineError ? { engineError: this.engineError } : {}),
      catalogItems: this.catalog.length,
      featureItems: this.features.size,
      recommender: this.recommender.id,
      parametersVersion: this.paramsVersion,
      ...(this.engine?.backend?.() ? { backend: this.engine.backend() } : {}),
      training: this.training.view(),
    };
  }

  // ---- catalog and features ----

  loadCatalog(args: { catalog: unknown; id?: string; url?: string }): Promise<ResultOf<'catalog/load'>> {
    const catalog = parseCatalog(args.catalog);
    return this.serial(async () => {
      await this.store.saveCatalog(args.id ?? CURRENT_CATALOG, catalog);
      this.catalog = catalog.items;
      const features = catalog.features ? await this.loadFeatureFile(catalog.features, args.url) : undefined;
      // Features resumed from storage (no file to load): rebuild the parameters against them once, in the background.
      if (!features && this.features.size) this.scheduleRetrain('features', 0);
      this.emit({ type: 'recs/changed', parametersVersion: this.paramsVersion });
      return { items: catalog.items.length, ...(features ? { features } : {}) };
    });
  }

  /**
   * Loads the catalog's precomputed feature file into the feature store. The engine must adopt the file's
   * embedding space (same raw extractor id/version/dims); otherwise the file is rejected and the items are
   * extracted on this device. A bad file never fails the catalog load.
   */
  private async loadFeatureFile(
    ref: string,
    base: string | undefined,
  ): Promise<NonNullable<ResultOf<'catalog/load'>['features']>> {
    const reject = (message: string) => ({ status: 'rejected' as const, items: 0, message });
    if (!this.deps.fetchBytes) return { status: 'none', items: 0 };
    let file: FeatureFile;
    let digest: string;
    try {
      const url = base ? new URL(ref, new URL(base, 'http://glimpse.invalid/')).href : ref;
      const bytes = await this.deps.fetchBytes(url.replace(/^http:\/\/glimpse\.invalid/, ''));
      digest = sha256Hex(bytes);
      file = decodeFeatureFile(bytes);
    } catch (e) {
      return reject(`Feature file ${ref}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const space = (file.meta as { space?: unknown } | undefined)?.space;
    if (this.engine && (!this.engine.useSpace || !this.engine.useSpace(space, file.extractor)))
      return reject(`Feature file ${ref} was made by ${file.extractor.id}@${file.extractor.version}, not this engine's extractor.`);
    if (this.engine && !sameExtractor(this.engine.extractor, file.extractor))
      return reject(`Feature file ${ref}: the engine reports ${this.engine.extractor.id} after adopting it.`);
    const emb = file.matrices.embedding;
    if (!emb || emb.dims !== file.extractor.dims) return reject(`Feature file ${ref} has no ${file.extractor.dims}-d embedding.`);
    const known = new Set(this.catalog.map((i) => i.id));
    const records: FeatureRecord[] = [];
    file.ids.forEach((id, r) => {
      if (!known.has(id)) return;
      const attributes = attributesAt(file, r);
      // No image bytes were hashed: the key names the file's row, so a re-extraction never collides with it.
      records.push(toFeatureRecord(`file:${ref}#${id}`, file.extractor, id, matrixRow(emb, r), attributes));
    });
    // A warm start with the same file already has these rows in storage: skip rewriting them.
    const stored = await this.store.loadSetting(FEATURE_FILE, featureFileSchema);
    const unchanged =
      stored?.sha256 === digest && records.every((r) => sameExtractor(this.features.get(r.itemId), file.extractor));
    if (!unchanged) {
      await this.store.saveFeatures(records.map((f) => ({ ...f, extractor: file.extractor })));
      await this.store.saveSetting(FEATURE_FILE, { sha256: digest });
    }
    await this.store.saveSetting(ACTIVE_EXTRACTOR, file.extractor);
    if (this.engine) await this.store.saveSetting(ACTIVE_SPACE, { meta: space, info: file.extractor });
    if (!this.engine || !sameExtractor([...this.features.values()][0], file.extractor)) this.features = new VersionedMap();
    for (const f of records) this.features.set(f.itemId, f);
    this.scheduleRetrain('features', 0);
    return { status: 'precomputed', items: records.length };
  }

  async extractFeatures(args: { itemIds?: string[] }, ctx: TaskContext): Promise<ExtractResult> {
    const engine = this.engine;
    if (!engine) {
      throw new GlimpseError(
        'engine-unavailable',
        this.engineError ?? 'No feature engine is available in this context.',
      );
    }
    const wanted = args.itemIds ? new Set(args.itemIds) : undefined;
    const result: ExtractResult = { extracted: 0, cached: 0, failed: [] };
    // Items that already have vectors in the active space (e.g. from a precomputed file) are not re-hashed.
    const items = this.catalog.filter((i) => {
      if (wanted && !wanted.has(i.id)) return false;
      const f = this.features.get(i.id);
      if (f && sameExtractor(f, engine.extractor)) {
        result.cached++;
        return false;
      }
      return true;
    });
    const cache = await this.store.loadFeatures(engine.extractor);
    let pending: FeatureRecord[] = [];
    const flush = async () => {
      if (!pending.length) return;
      const batch = pending;
      pending = [];
      await this.store.saveFeatures(
        batch.map((f) => ({
          hash: f.hash,
          extractor: engine.extractor,
          itemId: f.itemId,
          embedding: f.embedding,
          attributes: f.attributes,
        })),
      );
      for (const f of batch) this.features.set(f.itemId, f);
    };
    await this.store.saveSetting(ACTIVE_EXTRACTOR, engine.extractor);
    let done = 0;
    try {
      // Several items in flight: while one runs through the model, the next ones are fetched, hashed and
      // decoded (the browser engine decodes in a second worker), so the model never waits for an image.
      await runWindowed(items.length, EXTRACT_IN_FLIGHT, async (n) => {
        throwIfAborted(ctx.signal);
        const item = items[n]!;
        try {
          const hash = await engine.hashImage(item, ctx.signal);
          const hit = cache.get(hash);
          if (hit) {
            this.features.set(item.id, { ...hit, itemId: item.id });
            result.cached++;
          } else {
            const f = await engine.extract(item, ctx.signal);
            if (f.embedding.length !== engine.extractor.dims)
              throw new Error(
                `embedding has ${f.embedding.length} dims, extractor says ${engine.extractor.dims}`,
              );
            pending.push(toFeatureRecord(hash, engine.extractor, item.id, f.embedding, f.attributes));
            result.extracted++;
            if (pending.length >= FEATURE_BATCH) await flush();
          }
        } catch (e) {
          if (ctx.signal.aborted) throw new GlimpseError('aborted', 'Cancelled.');
          result.failed.push({ itemId: item.id, message: e instanceof Error ? e.message : String(e) });
        }
        ctx.onProgress(++done, items.length);
      });
    } finally {
      // Whatever was extracted before a cancel is kept.
      await flush();
    }
    this.scheduleRetrain('features', 0);
    this.emit({ type: 'recs/changed', parametersVersion: this.paramsVersion });
    return result;
  }

  // ---- the feedback loop ----

  /**
   * Durable write -> fold-in of the user's parameters -> "recs changed" -> checkpoint -> debounced retrain.
   * The page re-ranks while the checkpoint is written: the event is already on disk, and parameters whose
   * checkpoint is lost are rebuilt from the log by the next retrain.
   */
  record(event: Interaction, options: { evenIfPaused?: boolean } = {}): Promise<RecordResult> {
    const problem = describeBadEvent(event);
    if (problem) return Promise.reject(new GlimpseError('invalid-input', `Invalid interaction: ${problem}`));
    return this.serial(async () => {
      if (!options.evenIfPaused && !shouldLearn(this.controls)) return { recorded: false };
      const rec = await this.store.appendInteraction(event);
      this.log.push(rec);
      const next = this.recommender.foldIn(this.params, rec, this.input());
      if (next) this.adopt(next, this.paramsVersion + 1);
      this.emit({ type: 'profile/changed' });
      this.emit({ type: 'recs/changed', parametersVersion: this.paramsVersion });
      if (next) await this.checkpoint(next);
      this.scheduleRetrain();
      return { recorded: true, id: rec.id };
    });
  }

  /** The parameters ranking uses from now on; `version` is what their checkpoint will be numbered. */
  private adopt(params: UserParameters, version: number): void {
    this.params = params;
    this.paramsVersion = version;
  }

  private async checkpoint(params: UserParameters): Promise<void> {
    const header = await this.store.saveParameters(this.paramsKey, params);
    this.adopt(params, header.version);
  }

  private emitTraining(): void {
    this.emit({ type: 'training/changed', training: this.training.view() });
  }

  /** Debounced background retrain (restarted by every new event); nothing when the shopper turned it off. */
  private scheduleRetrain(trigger: TrainingTrigger = 'background', delay = this.training.retrainDelayMs): void {
    if (this.training.retrainDelayMs <= 0) return;
    if (this.retrainTimer) clearTimeout(this.retrainTimer);
    this.training.queued = { trigger, dueAt: this.now() + delay };
    this.retrainTimer = setTimeout(() => {
      this.retrainTimer = undefined;
      this.retrainAbort = new AbortController();
      this.train({ signal: this.retrainAbort.signal, onProgress: () => undefined }, trigger).catch(() => undefined);
    }, delay);
    this.emitTraining();
  }

  configureTraining(args: { retrainDelayMs: number }): Promise<TrainingView> {
    const ms = args?.retrainDelayMs;
    if (!isRetrainDelay(ms))
      return Promise.reject(new GlimpseError('invalid-input', 'retrainDelayMs must be whole milliseconds from 0 (off) to a day.'));
    return this.serial(async () => {
      await this.store.saveSetting(RETRAIN_DELAY, ms);
      this.training.retrainDelayMs = ms;
      const queued = this.training.queued;
      if (ms === 0) this.cancelRetrain();
      else if (queued) this.scheduleRetrain(queued.trigger);
      this.emitTraining();
      return this.training.view();
    });
  }

  /** Runs the recommender's full training, timed and with its progress reported as training/changed. */
  private async fit(input: RecommenderInput, ctx: TaskContext, trigger: TrainingTrigger) {
    const started = performance.now();
    this.training.start(trigger, this.now());
    this.emitTraining();
    const trained = await this.recommender.train(input, {
      signal: ctx.signal,
      onProgress: (done, total) => {
        ctx.onProgress(done, total);
        this.training.progress(done, total);
        this.emitTraining();
      },
    });
    return { trained, millis: performance.now() - started, input, trigger };
  }

  /** Records a finished run (after its checkpoint) for Insights. */
  private finishFit(run: Awaited<ReturnType<GlimpseService['fit']>>, params: UserParameters | undefined): void {
    const { trained, millis, input, trigger } = run;
    const samples = trained?.fit?.samples ?? input.log.length;
    const losses = trained?.fit?.losses;
    const scores = params && this.recommender.scores?.(params, input);
    const auc = inSampleAuc(scores, input.items, input.profile);
    this.training.finish({
      model: this.recommender.id,
      at: this.now(),
      trigger,
      epochs: trained?.fit?.epochs ?? 0,
      samples,
      items: input.items.filter((i) => i.embedding).length,
      millis,
      samplesPerSecond: millis > 0 ? (samples * 1000) / millis : 0,
      ...(losses?.length ? { losses: [...losses] } : {}),
      ...(auc ? { auc } : {}),
      parametersVersion: this.paramsVersion,
    });
    this.emitTraining();
  }

  private failFit(): void {
    this.training.finish();
    this.emitTraining();
  }

  /**
   * Full retraining on a snapshot of the log, outside the mutation queue so recording never waits on it.
   * Events recorded meanwhile are folded into the result; if any were removed, the result is discarded.
   */
  async train(ctx: TaskContext, trigger: TrainingTrigger = 'manual'): Promise<TrainResult> {
    const snapshot = [...this.log];
    let run: Awaited<ReturnType<GlimpseService['fit']>>;
    try {
      run = await this.fit(this.input(snapshot), ctx, trigger);
      throwIfAborted(ctx.signal);
    } catch (e) {
      this.failFit();
      throw e;
    }
    return this.serial(async () => {
      try {
        throwIfAborted(ctx.signal);
        const ids = new Set(this.log.map((e) => e.id));
        if (snapshot.some((e) => !ids.has(e.id))) {
          throw new GlimpseError(
            'aborted',
            'The log changed during training (an event was removed); retraining again.',
          );
        }
        const trained = run.trained && withoutFit(run.trained);
        if (trained) {
          const seen = new Set(snapshot.map((e) => e.id));
          let params: UserParameters | undefined = trained;
          for (const e of this.log)
            if (!seen.has(e.id)) params = this.recommender.foldIn(params, e, this.input());
          if (params) await this.checkpoint(params);
          this.emit({ type: 'recs/changed', parametersVersion: this.paramsVersion });
        }
        this.finishFit(run, trained);
        return { parametersVersion: this.paramsVersion, events: snapshot.length };
      } catch (e) {
        this.failFit();
        throw e;
      }
    });
  }

  // ---- ranking and profile ----

  private factsOf = (itemId: string): ItemFacts | undefined => {
    const item = this.catalog.find((i) => i.id === itemId);
    const f = this.features.get(itemId);
    return item || f ? factsFrom(item, f) : undefined;
  };

  /** What the views and the taste map's PCA are derived from; they are rebuilt only when it changes. */
  private derivedFrom(): DerivedKey {
    return { catalog: this.catalog, features: this.features, version: this.features.version };
  }

  private viewsCache: { key: DerivedKey; views: readonly ItemView[] } | undefined;

  /**
   * The recommender's per-item views, kept while the catalog and the features stay the same: a ranking call
   * neither rebuilds them nor, since the array is the same, what recommenders derive from it (per-items caches).
   */
  private itemViews(): readonly ItemView[] {
    const key = this.derivedFrom();
    if (this.viewsCache && sameKey(this.viewsCache.key, key)) return this.viewsCache.views;
    const views = this.catalog.map((i): ItemView => {
      const f = this.features.get(i.id);
      const attributes = f?.attributes;
      return {
        itemId: i.id,
        inStock: i.inStock,
        embedding: f?.embedding,
        facts: factsFrom(i, f),
        title: i.title,
        ...(attributes ? { descriptors: { texture: attributes.texture, shape: attributes.shape } } : {}),
      };
    });
    this.viewsCache = { key, views };
    return views;
  }

  private buildProfile(log = this.log): Profile {
    const embeddings = this.features;
    const dims = embeddings.values().next().value?.dims;
    return buildProfile(log, this.controls, {
      factsOf: this.factsOf,
      embeddingOf: (id) => embeddings.get(id)?.embedding,
      dims,
      now: this.now(),
    });
  }

  private input(log = this.log): RecommenderInput {
    const counted =
      this.controls.resetAt === undefined ? log : log.filter((e) => e.at >= this.controls.resetAt!);
    return { log: counted, items: this.itemViews(), profile: this.buildProfile(log), now: this.now() };
  }

  private hiddenIds(input: RecommenderInput, includeSeen = false): Set<string> {
    const hidden = new Set<string>();
    for (const a of input.profile.items) if (a.weight < 0) hidden.add(a.itemId);
    if (!includeSeen) for (const e of input.log) if (ACTED.has(e.kind)) hidden.add(e.itemId);
    return hidden;
  }

  async rank(args: { k: number; includeSeen?: boolean; category?: string }): Promise<Recommendation[]> {
    if (!Number.isInteger(args?.k) || args.k < 1)
      throw new GlimpseError('invalid-input', 'k must be a positive integer.');
    const input = this.input();
    const hidden = this.hiddenIds(input, args.includeSeen);
    const category = args.category;
    const candidates = input.items.filter(
      (i) => i.inStock && !hidden.has(i.itemId) && (category === undefined || i.facts.category === category),
    );
    if (!candidates.length) return [];
    return this.recommender.rank(this.params, input, candidates, args.k);
  }

  async scores(): Promise<ItemScore[]> {
    const input = this.input();
    const hidden = this.hiddenIds(input);
    const scores = this.recommender.scores?.(this.params, input);
    return input.items.map((item, i) => ({ itemId: item.itemId, score: scores?.[i] ?? 0, hidden: hidden.has(item.itemId) }));
  }

  /** The photo is decoded and embedded here and dropped after ranking: it is never stored or sent. */
  async byPhoto(args: { bytes: Uint8Array; k: number }, ctx: TaskContext): Promise<PhotoMatch> {
    if (!(args?.bytes instanceof Uint8Array) || !args.bytes.length)
      throw new GlimpseError('invalid-input', 'The photo has no bytes.');
    if (!Number.isInteger(args.k) || args.k < 1) throw new GlimpseError('invalid-input', 'k must be a positive integer.');
    const engine = this.engine;
    if (!engine?.extractBytes)
      throw new GlimpseError('engine-unavailable', this.engineError ?? 'No feature engine is available to read photos.');
    const started = this.now();
    let f: Awaited<ReturnType<NonNullable<EnginePort['extractBytes']>>>;
    try {
      f = await engine.extractBytes(args.bytes, ctx.signal);
    } catch (e) {
      if (ctx.signal.aborted) throw new GlimpseError('aborted', 'Cancelled.');
      throw new GlimpseError('invalid-input', `This photo could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
    const q = f.embedding;
    const qn = Math.hypot(...q) || 1;
    const scored: { itemId: string; score: number }[] = [];
    for (const item of this.catalog) {
      const e = this.features.get(item.id)?.embedding;
      if (!e || e.length !== q.length) continue;
      let dot = 0,
        n = 0;
      for (let d = 0; d < q.length; d++) {
        dot += q[d] * e[d];
        n += e[d] * e[d];
      }
      scored.push({ itemId: item.id, score: dot / (qn * (Math.sqrt(n) || 1)) });
    }
    scored.sort((a, b) => b.score - a.score);
    return {
      results: scored.slice(0, args.k),
      colors: f.attributes.colors.map((c) => ({ name: c.name, hex: c.hex, weight: c.weight })),
      millis: this.now() - started,
    };
  }

  async colors(): Promise<{ itemId: string; colors: NamedColor[] }[]> {
    return this.catalog.map((i) => ({
      itemId: i.id,
      colors: (this.features.get(i.id)?.attributes?.colors ?? i.colors ?? []).map((c) => ({ ...c })),
    }));
  }

  private mapCache: { key: DerivedKey; model: PcaModel; rows: string[] } | undefined;

  /** PCA to 2-D of the item embeddings (cached per feature set) with the shopper's affinities on it. */
  async tasteMap(): Promise<TasteMapView> {
    const c = this.mapCache;
    if (!c || !sameKey(c.key, this.derivedFrom())) {
      const rows = this.catalog.filter((i) => this.features.get(i.id)?.embedding.length);
      if (rows.length < 3) return { method: 'PCA', points: [] };
      const model = fitPca(rows.map((i) => this.features.get(i.id)!.embedding), 2, { seed: 7 });
      this.mapCache = {
        key: this.derivedFrom(),
        model,
        rows: rows.map((i) => i.id),
      };
    }
    const { model, rows } = this.mapCache!;
    const affinity = new Map(this.buildProfile().items.map((a) => [a.itemId, a.weight]));
    let sx = 0,
      sy = 0,
      sw = 0;
    const points = rows.map((itemId) => {
      const [x, y] = projectPca(model, this.features.get(itemId)!.embedding);
      const a = affinity.get(itemId) ?? 0;
      if (a > 0) {
        sx += a * x;
        sy += a * y;
        sw += a;
      }
      return { itemId, x, y, affinity: a };
    });
    const info = this.features.get(rows[0])!;
    return {
      method: `PCA of ${info.extractorId} vectors (${(model.explained * 100).toFixed(0)}% of variance)`,
      points,
      ...(sw > 0 ? { taste: { x: sx / sw, y: sy / sw } } : {}),
    };
  }

  async similar(args: { itemId: string; k: number }): Promise<Recommendation[]> {
    if (!Number.isInteger(args?.k) || args.k < 1)
      throw new GlimpseError('invalid-input', 'k must be a positive integer.');
    if (!this.catalog.some((i) => i.id === args.itemId))
      throw new GlimpseError('invalid-input', `Unknown item "${String(args.itemId)}".`);
    if (!this.features.has(args.itemId))
      throw new GlimpseError('not-ready', `No features for "${args.itemId}" yet: run features/extract.`);
    if (!this.recommender.similar)
      throw new GlimpseError('unavailable', `Recommender ${this.recommender.id} has no similar-items ranking.`);
    const input = this.input();
    const hidden = new Set<string>();
    for (const a of input.profile.items) if (a.weight < 0) hidden.add(a.itemId);
    return this.recommender.similar(input, args.itemId, args.k, hidden);
  }

  async listEvents(): Promise<StoredEvent[]> {
    return this.log.map((e) => ({ ...e }));
  }

  removeEvent(args: { id: number }): Promise<void> {
    return this.serial(async () => {
      await this.store.removeInteraction(args.id);
      this.log = this.log.filter((e) => e.id !== args.id);
      // Fold-in cannot subtract an event: rebuild the parameters from the remaining log.
      let run: Awaited<ReturnType<GlimpseService['fit']>>;
      try {
        run = await this.fit(this.input(), noProgress, 'removal');
      } catch (e) {
        this.failFit();
        throw e;
      }
      const trained = run.trained && withoutFit(run.trained);
      if (trained) await this.checkpoint(trained);
      else await this.dropParameters();
      this.finishFit(run, trained);
      this.emit({ type: 'profile/changed' });
      this.emit({ type: 'recs/changed', parametersVersion: this.paramsVersion });
    });
  }

  private async dropParameters(): Promise<void> {
    await this.store.deleteParameters(this.paramsKey);
    this.params = undefined;
  }

  async getProfile(): Promise<ProfileView> {
    const p = this.buildProfile();
    return {
      events: p.events,
      paused: this.controls.paused,
      persistent: this.store.persistent,
      items: p.items,
      preferences: p.preferences,
      hasVisualTaste: !!p.tasteVector,
    };
  }

  pause(args: { paused: boolean }): Promise<void> {
    return this.serial(async () => {
      this.controls = await this.store.saveProfileState({ paused: !!args.paused });
      this.emit({ type: 'profile/changed' });
    });
  }

  /** An explicit edit by the user, so it applies even while learning is paused. */
  lessLikeThis(args: { itemId: string }): Promise<RecordResult> {
    return this.record(lessLikeThis(args.itemId, this.now()), { evenIfPaused: true });
  }

  reset(): Promise<void> {
    this.cancelRetrain();
    this.training.clear();
    return this.serial(async () => {
      await this.store.resetProfile();
      this.log = [];
      this.params = undefined;
      this.paramsVersion = 0;
      this.controls = await this.store.loadProfileState();
      this.emit({ type: 'profile/changed' });
      this.emit({ type: 'recs/changed', parametersVersion: 0 });
    });
  }

  // ---- privacy ----

  async exportData(): Promise<string> {
    return JSON.stringify(await exportEverything(this.store));
  }

  importData(args: { file: string }): Promise<{ interactions: number; models: number }> {
    this.cancelRetrain();
    return this.serial(async () => {
      const result = await importEverything(this.store, args.file);
      await this.resume();
      this.emit({ type: 'profile/changed' });
      this.emit({ type: 'recs/changed', parametersVersion: this.paramsVersion });
      return result;
    });
  }

  /**
   * Deletes every database and cache Glimpse created. Afterwards this service keeps running on memory only
   * (so nothing is re-created on disk) until the page is reloaded, with the catalog still loaded.
   */
  wipe(): Promise<WipeReport> {
    this.cancelRetrain();
    return this.serial(async () => {
      this.unsubscribeExternal?.();
      this.store.close();
      const report = await (this.deps.wipe ?? (() => wipeEverything()))();
      this.store = new GlimpseStore(new MemoryBackend());
      this.notice = 'Everything Glimpse stored was deleted. Nothing will be kept until you reload the page.';
      this.log = [];
      // The catalog and its features are public, derived data (not the shopper's): they stay in memory so
      // this page keeps recommending (cold start) without fetching anything; nothing of them is on disk.
      this.params = undefined;
      this.paramsVersion = 0;
      this.training.clear();
      this.controls = await this.store.loadProfileState();
      this.emitTraining();
      this.emit({ type: 'storage/notice', persistent: false, message: this.notice });
      this.emit({ type: 'profile/changed' });
      this.emit({ type: 'recs/changed', parametersVersion: 0 });
      return report;
    });
  }

  private cancelRetrain(): void {
    if (this.retrainTimer) clearTimeout(this.retrainTimer);
    this.retrainTimer = undefined;
    this.training.queued = undefined;
    this.retrainAbort?.abort();
  }

  close(): void {
    this.cancelRetrain();
    this.unsubscribeExternal?.();
    this.listeners.clear();
    this.store.close();
  }
}

function sameExtractor(
  a: ExtractorInfo | Pick<FeatureRecord, 'extractorId' | 'extractorVersion' | 'dims'> | undefined,
  b: ExtractorInfo,
): boolean {
  if (!a) return false;
  const id = 'id' in a ? a.id : a.extractorId;
  const version = 'version' in a ? a.version : a.extractorVersion;
  return id === b.id && version === b.version && a.dims === b.dims;
}

function describeBadEvent(e: Interaction): string | undefined {
  if (!e || typeof e !== 'object') return 'must be an object';
  if (!isInteractionKind(e.kind)) return `unknown kind "${String(e.kind)}"`;
  if (typeof e.itemId !== 'string' || !e.itemId) return 'itemId must be a non-empty string';
  if (!Number.isFinite(e.at) || e.at < 0) return '"at" must be epoch milliseconds';
  if (e.value !== undefined && !Number.isFinite(e.value)) return 'value must be a finite number';
  return undefined;
}

const extractorSchema: z.ZodType<ExtractorInfo> = z.object({
  id: z.string(),
  version: z.number(),
  dims: z.number().int().positive(),
});

const featureFileSchema = z.object({ sha256: z.string() });
const retrainDelaySchema = z.number().int().min(0);

/** The parameters to checkpoint, without the fit statistics that came with them. */
function withoutFit(trained: TrainedParameters): UserParameters {
  const { rows, cols, data, info } = trained;
  return { rows, cols, data, info };
}
const spaceSchema = z.object({ meta: z.unknown(), info: extractorSchema });

interface DerivedKey {
  catalog: CatalogItem[];
  features: VersionedMap<string, FeatureRecord>;
  version: number;
}

const sameKey = (a: DerivedKey, b: DerivedKey) => a.catalog === b.catalog && a.features === b.features && a.version === b.version;

/** An item's facts: its category, and its colours from the extracted attributes, else from the catalog. */
function factsFrom(item: CatalogItem | undefined, f: FeatureRecord | undefined): ItemFacts {
  const colors = f?.attributes?.colors ?? item?.colors;
  return {
    category: item?.category,
    ...(colors ? { colors: colors.map((c) => ({ name: c.name, weight: c.weight })) } : {}),
  };
}

function toFeatureRecord(
  hash: string,
  extractor: ExtractorInfo,
  itemId: string,
  embedding: Float32Array,
  attributes: ImageAttributes | undefined,
): FeatureRecord {
  return {
    key: featureKey(hash, extractor),
    hash,
    extractorId: extractor.id,
    extractorVersion: extractor.version,
    dims: extractor.dims,
    itemId,
    embedding: embedding.slice(),
    ...(attributes
      ? {
          attributes: {
            colors: attributes.colors.map((c) => ({ name: c.name, hex: c.hex, weight: c.weight })),
            colorHistogram: attributes.colorHistogram.slice(),
            texture: attributes.texture.slice(),
            shape: attributes.shape.slice(),
            aspectRatio: attributes.aspectRatio,
            foreground: attributes.foreground,
          },
        }
      : {}),
  };
}
