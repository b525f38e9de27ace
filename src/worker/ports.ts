import type { CatalogItem } from '../core/catalog/schema';
import type { Interaction } from '../core/data/interactions';
import type { ItemFacts, Profile } from '../core/profile';
import type { Explanation } from '../core/rank';
import type { ExtractorInfo, ItemFeatures } from '../features/contract';

/**
 * The two seams the service is built against. Real implementations come from src/engine (TF.js) and
 * src/core/models (recommenders) through small adapters; tests pass fakes.
 */
export interface TaskContext {
  signal: AbortSignal;
  onProgress: (done: number, total: number) => void;
}

export interface EnginePort {
  readonly extractor: ExtractorInfo;
  /** Content hash of the item's image bytes: the feature-cache key (with the extractor identity). */
  hashImage(item: CatalogItem, signal: AbortSignal): Promise<string>;
  extract(item: CatalogItem, signal: AbortSignal): Promise<ItemFeatures>;
  /**
   * Adopts the embedding space a precomputed feature file was made in (its meta), so items the file lacks
   * are extracted into the same space; false when the file's raw extractor is not this engine's.
   */
  useSpace?(meta: unknown, info: ExtractorInfo): boolean;
  /** Features of arbitrary image bytes (a shopper's photo) in the same space as the items; nothing is kept. */
  extractBytes?(bytes: Uint8Array, signal: AbortSignal): Promise<Omit<ItemFeatures, 'itemId'>>;
  /** Which TF.js backend runs and why the others were not chosen; undefined until the model has loaded. */
  backend?(): EngineBackendView | undefined;
}

/** The backend choice as the UI shows it (plain data, structured-clone safe). */
export interface EngineBackendView {
  chosen: string;
  candidates: { name: string; status: string; reason: string; msPerOp?: number }[];
}

/** One catalog item as the recommender sees it. */
export interface ItemView {
  itemId: string;
  inStock: boolean;
  embedding?: Float32Array;
  facts: ItemFacts;
  /** Display title, for reasons that name an item ("looks like Red T-Shirt"). */
  title?: string;
  /** Texture/shape descriptors from the extracted attributes (for "similar texture/shape" reasons). */
  descriptors?: { texture?: Float32Array; shape?: Float32Array };
}

/** The user's private parameters: a row-major matrix (usually one row) plus small JSON metadata. */
export interface UserParameters {
  rows: number;
  cols: number;
  data: Float32Array;
  info: Record<string, unknown>;
}

/** What a full training run did, for the training report (the taste model: one pass, no loss). */
export interface FitStats {
  epochs: number;
  /** Interactions trained on. */
  samples: number;
  losses?: number[];
}

/** A training result: the parameters to checkpoint and, optionally, how the fit went. */
export type TrainedParameters = UserParameters & { fit?: FitStats };

export interface RecommenderInput {
  log: readonly Interaction[];
  items: readonly ItemView[];
  profile: Profile;
  now: number;
}

export interface Scored {
  itemId: string;
  score: number;
  reasons: string[];
  /** Structured reasons (core/rank explainItem), strongest first. */
  explanations?: Explanation[];
}

export interface RecommenderPort {
  /** Stable id; user parameters are stored under "user:<id>". Change when the parameter layout changes. */
  readonly id: string;
  /** Full retraining in the background; must honour ctx.signal and report progress. */
  train(input: RecommenderInput, ctx: TaskContext): Promise<TrainedParameters | undefined>;
  /** Cheap incremental update for one new event (fold-in); undefined = no update possible yet. */
  foldIn(
    params: UserParameters | undefined,
    event: Interaction,
    input: RecommenderInput,
  ): UserParameters | undefined;
  /** Scores candidate items (already filtered) for the user. */
  rank(
    params: UserParameters | undefined,
    input: RecommenderInput,
    candidates: readonly ItemView[],
    k: number,
  ): Scored[];
  /** Optional: nearest items to one item by visual similarity only (excluded ids never returned). */
  similar?(input: RecommenderInput, itemId: string, k: number, exclude?: ReadonlySet<string>): Scored[];
  /** Optional: the relevance score of every item (input.items order), as rank() would score it. */
  scores?(params: UserParameters | undefined, input: RecommenderInput): Float32Array;
}
