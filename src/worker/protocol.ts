import type { EngineBackendView } from './ports';
import type { CatalogInput, NamedColor } from '../core/catalog/schema';
import type { Interaction } from '../core/data/interactions';
import type { AttributePreferences, ItemAffinity } from '../core/profile';
import type { Explanation } from '../core/rank';

export type { Explanation };

/**
 * The typed protocol between the UI and the Glimpse service (in a Worker or in-process). Methods are
 * namespaced; every call carries an id, may report progress and can be cancelled by id; failures come back
 * as serialisable {code, message, details}. Only plain, structured-cloneable data crosses this boundary.
 */

export type ErrorCode =
  | 'aborted'
  | 'invalid-input'
  | 'not-ready'
  | 'engine-unavailable'
  | 'worker-crashed'
  | 'quota'
  | 'blocked'
  | 'version-change'
  | 'closed'
  | 'unavailable'
  | 'invalid-import'
  | 'internal';

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** The error type callers see (the client rebuilds it from an ErrorPayload). */
export class GlimpseError extends Error {
  override name = 'GlimpseError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  toPayload(): ErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

export interface Progress {
  /** e.g. 'features/extract', 'model/train'. */
  stage: string;
  done: number;
  total: number;
}

export interface StatusView {
  /** False when running on the in-memory fallback: show "nothing will be kept". */
  persistent: boolean;
  /** Why nothing is kept, if so (private mode, or everything was just deleted). */
  notice?: string;
  engine: 'ready' | 'none' | 'failed';
  engineError?: string;
  catalogItems: number;
  featureItems: number;
  recommender: string;
  /** Version of the last checkpointed user parameters (0 = none yet). */
  parametersVersion: number;
  /** The TF.js backend the engine measured and chose, once its model has loaded (first photo or extraction). */
  backend?: EngineBackendView;
  /** Background retraining: its setting, what is queued or running, and the recent runs. */
  training: TrainingView;
}

/** Why a full retrain ran: asked for ('manual'), the debounce after new events, new features, a removed event. */
export type TrainingTrigger = 'manual' | 'background' | 'features' | 'removal';

/** One finished full retrain of the user's parameters, as measured in the service. */
export interface TrainingReport {
  model: string;
  /** Epoch milliseconds when it finished. */
  at: number;
  trigger: TrainingTrigger;
  epochs: number;
  /** Interactions the model was trained on. */
  samples: number;
  /** Catalog items with features (the candidates it scores). */
  items: number;
  millis: number;
  samplesPerSecond: number;
  /** Training loss per epoch, when the model has one (the taste model is a closed-form average: none). */
  losses?: number[];
  /**
   * Liked items against all others, scored by the new parameters on the very data they were trained on:
   * a sanity check that training moved towards the likes, not a held-out evaluation (that is `npm run eval`).
   */
  auc?: { value: number; kind: 'in-sample' };
  /** Version of the checkpoint it wrote (unchanged if it produced no parameters). */
  parametersVersion: number;
}

export interface TrainingView {
  /** Debounce between the last new event and a background retrain; 0 = background retraining is off. */
  retrainDelayMs: number;
  queued?: { trigger: TrainingTrigger; dueAt: number };
  running?: { trigger: TrainingTrigger; startedAt: number; done: number; total: number };
  last?: TrainingReport;
  /** Recent runs, oldest first (bounded). */
  history: TrainingReport[];
}

export interface RecordResult {
  /** False while learning is paused: nothing was stored. */
  recorded: boolean;
  id?: number;
}

export interface StoredEvent extends Interaction {
  id: number;
}

export interface Recommendation {
  itemId: string;
  score: number;
  /** Short human-readable reasons ("red like items you saved"). */
  reasons: string[];
  /**
   * Structured reasons, strongest first: {kind:'similar-to', itemId} | {kind:'attribute', attribute:
   * 'color'|'category'|'texture'|'shape', value} | {kind:'popular-in', category} | {kind:'popular'}.
   */
  explanations?: Explanation[];
}

export interface ProfileView {
  events: number;
  paused: boolean;
  persistent: boolean;
  items: ItemAffinity[];
  preferences: AttributePreferences;
  hasVisualTaste: boolean;
}

export interface ItemScore {
  itemId: string;
  score: number;
  hidden: boolean;
}

export interface PhotoMatch {
  results: { itemId: string; score: number }[];
  /** Named colours found in the photo. */
  colors: NamedColor[];
  /** Time spent decoding + embedding + ranking in the service. */
  millis: number;
}

export interface TasteMapView {
  method: string;
  points: { itemId: string; x: number; y: number; affinity: number }[];
  taste?: { x: number; y: number };
}

export interface TrainResult {
  parametersVersion: number;
  events: number;
}

export interface ExtractResult {
  extracted: number;
  cached: number;
  failed: { itemId: string; message: string }[];
}

export interface WipeResult {
  databases: string[];
  blockedDatabases: string[];
  caches: string[];
}

/** Method name -> [argument, result]. The single source of truth for both ends. */
export interface GlimpseMethods {
  'status/get': [void, StatusView];
  /**
   * `url`: where the catalog came from, to resolve its `features` file (precomputed by `npm run features`);
   * `features` says whether that file was used ('precomputed'), absent, or rejected (then items re-extract).
   */
  'catalog/load': [
    { catalog: CatalogInput | unknown; id?: string; url?: string },
    { items: number; features?: { status: 'precomputed' | 'none' | 'rejected'; items: number; message?: string } },
  ];
  'features/extract': [{ itemIds?: string[] } | void, ExtractResult];
  'model/train': [void, TrainResult];
  'training/get': [void, TrainingView];
  /** Sets (and stores) the background retrain delay; 0 turns background retraining off. */
  'training/configure': [{ retrainDelayMs: number }, TrainingView];
  /** `category`: only items of that category (e.g. a filtered feed, "complete the look"). */
  'recs/rank': [{ k: number; includeSeen?: boolean; category?: string }, Recommendation[]];
  /** The shopper's relevance for every item (sort by relevance, personal blends); `hidden` = acted on or disliked. */
  'recs/scores': [void, ItemScore[]];
  /**
   * Visual nearest catalog items to a photo's bytes (JPEG/PNG/WebP). Decoded and embedded on this device by
   * the worker's engine (model loaded on first use) in the catalog's embedding space; nothing is stored.
   */
  'recs/by-photo': [{ bytes: Uint8Array; k: number }, PhotoMatch];
  /** Pure visual similarity to one catalog item (needs its features). */
  'recs/similar': [{ itemId: string; k: number }, Recommendation[]];
  'events/record': [Interaction, RecordResult];
  'events/list': [void, StoredEvent[]];
  'events/remove': [{ id: number }, void];
  'profile/get': [void, ProfileView];
  /** A 2-D PCA projection of the catalog's embeddings with the shopper's affinities and taste point. */
  'profile/map': [void, TasteMapView];
  /** Named colours per item from the extracted (or precomputed) attributes. */
  'features/colors': [void, { itemId: string; colors: NamedColor[] }[]];
  'profile/pause': [{ paused: boolean }, void];
  'profile/less-like-this': [{ itemId: string }, RecordResult];
  'profile/reset': [void, void];
  'privacy/export': [void, string];
  'privacy/import': [{ file: string }, { interactions: number; models: number }];
  'privacy/wipe': [void, WipeResult];
}

export type Method = keyof GlimpseMethods;
export type ArgsOf<M extends Method> = GlimpseMethods[M][0];
export type ResultOf<M extends Method> = GlimpseMethods[M][1];

export const METHODS = [
  'status/get',
  'catalog/load',
  'features/extract',
  'model/train',
  'training/get',
  'training/configure',
  'recs/rank',
  'recs/similar',
  'recs/scores',
  'recs/by-photo',
  'events/record',
  'events/list',
  'events/remove',
  'profile/get',
  'profile/map',
  'features/colors',
  'profile/pause',
  'profile/less-like-this',
  'profile/reset',
  'privacy/export',
  'privacy/import',
  'privacy/wipe',
] as const satisfies readonly Method[];

export type Envelope<T> = { id: string; ok: true; value: T } | { id: string; ok: false; error: ErrorPayload };

/** Pushed to subscribers. Carries no user data beyond what the UI already asked for. */
export type ServiceEvent =
  /** Recommendations may have changed: re-query 'recs/rank'. */
  | { type: 'recs/changed'; parametersVersion: number }
  /** The log or profile changed (here or in another tab): re-query. */
  | { type: 'profile/changed' }
  /** Another tab upgraded or deleted the database; this one stopped: ask the user to reload. */
  | { type: 'storage/version-change'; message: string }
  | { type: 'storage/repaired'; store: string; problem: string }
  /** A retrain was queued, started, progressed, finished or the setting changed. */
  | { type: 'training/changed'; training: TrainingView }
  | { type: 'storage/notice'; persistent: boolean; message: string }
  | { type: 'worker/restarted'; restarts: number }
  | { type: 'worker/in-process'; reason: string };

/** What the worker (or the in-process stand-in) exposes over comlink. */
export interface WorkerApi {
  call<M extends Method>(
    id: string,
    method: M,
    args: ArgsOf<M>,
    onProgress?: (p: Progress) => void,
  ): Promise<Envelope<ResultOf<M>>>;
  cancel(id: string): void;
  /** Events emitted in the same turn arrive together, in order. */
  subscribe(listener: (events: ServiceEvent[]) => void): void;
  /** Liveness + whether the engine backend started in this context. */
  ping(): Promise<{ ok: true; engine: StatusView['engine']; engineError?: string }>;
}

export function isErrorPayload(x: unknown): x is ErrorPayload {
  return (
    !!x &&
    typeof x === 'object' &&
    typeof (x as ErrorPayload).code === 'string' &&
    typeof (x as ErrorPayload).message === 'string'
  );
}
