import type { CsrMatrix } from '../data/csr';
import type { UserHistory } from '../data/history';
import type { Matrix } from '../linalg/matrix';

/**
 * The recommender contract (after cornac's `Recommender`): models implement fit and score; the one shared
 * `rank()` (core/rank) does top-k, exclusions, filters, unknown users and diversity. Item features are
 * part of the data (a "modality"), not of the model.
 */
export interface TrainData {
  /** Users x items. Implicit models read values as positive weights; explicit MF reads them as ratings. */
  interactions: CsrMatrix;
  /** Item features (rows = items), e.g. a visual embedding, text, or both fused. */
  features?: Matrix;
}

export interface FitOptions {
  /** Called after each epoch; return false to stop early (cancellation from the worker). */
  onEpoch?: (report: EpochReport) => boolean | void;
}

export interface EpochReport {
  epoch: number;
  loss: number;
  samples: number;
  ms: number;
}

export interface FitReport {
  epochs: number;
  samples: number;
  ms: number;
  /** Loss per epoch (model-specific; NaN for closed-form models). */
  losses: number[];
  /** Epochs whose parameters diverged and were rolled back to the last good ones. */
  rolledBack: number[];
}

export interface Recommender {
  /** Short id used in reports, e.g. "bpr". */
  readonly name: string;
  fit(data: TrainData, options?: FitOptions): FitReport;
  /** Writes one score per item into out (length nItems) for a user seen in training. */
  scoreUser(user: number, out: Float32Array): Float32Array;
  /**
   * Scores for a user known only by a history (new or held-out users, the browser's private profile):
   * each model's fold-in. An empty history gives the model's non-personalised scores.
   */
  scoreHistory(history: UserHistory, out: Float32Array): Float32Array;
  readonly nUsers: number;
  readonly nItems: number;
  /**
   * Optional, for factor models whose scores are exactly factors . vector + bias (scoreWithParams): the
   * pieces, so rank() can take the top-k from a quantised FactorIndex instead of scoring every row.
   */
  linearScores?(query: { user?: number; history?: UserHistory }): LinearScores;
}

export interface LinearScores {
  factors: Matrix;
  bias: Float32Array;
  vector: Float32Array;
}

export class UnknownUserError extends Error {
  override name = 'UnknownUserError';
  constructor(readonly user: number) {
    super(`user index ${user} was not seen in training`);
  }
}

export class NotFittedError extends Error {
  override name = 'NotFittedError';
  constructor(model: string) {
    super(`${model}: call fit() before scoring`);
  }
}

export class MissingFeaturesError extends Error {
  override name = 'MissingFeaturesError';
  constructor(model: string) {
    super(`${model} needs item features (TrainData.features)`);
  }
}

export function checkUser(model: Recommender, user: number): void {
  if (!Number.isInteger(user) || user < 0 || user >= model.nUsers) throw new UnknownUserError(user);
}

export function checkOut(model: Recommender, out: Float32Array): void {
  if (out.length !== model.nItems)
    throw new RangeError(
      `${model.name}: score buffer has ${out.length} slots, catalog has ${model.nItems} items`,
    );
}

export function emptyReport(ms = 0): FitReport {
  return { epochs: 0, samples: 0, ms, losses: [], rolledBack: [] };
}
