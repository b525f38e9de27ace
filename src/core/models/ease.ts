import { columnCounts, rowItems, rowValues } from '../data/csr';
import type { UserHistory } from '../data/history';
import { invertSpdInPlace } from '../linalg';
import { nowMs } from './clock';
import {
  checkOut,
  checkUser,
  emptyReport,
  NotFittedError,
  type FitReport,
  type Recommender,
  type TrainData,
} from './contract';

export interface EaseConfig {
  /** L2 strength lambda added to the Gram diagonal. */
  regularization?: number;
  /**
   * The closed form inverts an m x m matrix (m^3 flops): only the m most popular items are modelled;
   * the rest score below every modelled item, ordered by popularity.
   */
  maxItems?: number;
}

/**
 * EASE: Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019. Closed-form item-item
 * ridge regression with a zero diagonal: P = (X^T X + lambda I)^-1, B = I - P diag(1/diag(P)), and
 * score(u) = x_u B. No user parameters at all, so a browser profile is scored exactly like a training user.
 */
export class EaseModel implements Recommender {
  readonly name = 'ease';
  nUsers = 0;
  nItems = 0;
  /** m x m item-item weights over `kept` items. */
  private weights: Float32Array | undefined;
  private kept = new Int32Array(0);
  private slot = new Int32Array(0);
  private popularity: Float32Array = new Float32Array(0);
  private rows: TrainData['interactions'] | undefined;
  readonly config: Required<EaseConfig>;

  constructor(config: EaseConfig = {}) {
    this.config = { regularization: config.regularization ?? 300, maxItems: config.maxItems ?? 2500 };
  }

  fit(data: TrainData): FitReport {
    const t0 = nowMs();
    const x = (this.rows = data.interactions);
    this.nUsers = x.rows;
    this.nItems = x.cols;
    const counts = (this.popularity = columnCounts(x));
    const byCount = Array.from({ length: x.cols }, (_, i) => i)
      .filter((i) => counts[i] > 0)
      .sort((a, b) => counts[b] - counts[a] || a - b)
      .slice(0, this.config.maxItems)
      .sort((a, b) => a - b);
    const kept = (this.kept = Int32Array.from(byCount));
    const slot = (this.slot = new Int32Array(x.cols).fill(-1));
    kept.forEach((i, k) => (slot[i] = k));
    const m = kept.length;
    const g = new Float64Array(m * m);
    const local: number[] = [];
    for (let u = 0; u < x.rows; u++) {
      local.length = 0;
      for (const i of rowItems(x, u)) if (slot[i] >= 0) local.push(slot[i]);
      for (const a of local) {
        const o = a * m;
        for (const b of local) g[o + b] += 1;
      }
    }
    for (let k = 0; k < m; k++) g[k * m + k] += this.config.regularization;
    invertSpdInPlace(g, m);
    const w = new Float32Array(m * m);
    for (let a = 0; a < m; a++)
      for (let b = 0; b < m; b++) w[a * m + b] = a === b ? 0 : -g[a * m + b] / g[b * m + b];
    this.weights = w;
    return { ...emptyReport(nowMs() - t0), losses: [NaN] };
  }

  scoreUser(user: number, out: Float32Array): Float32Array {
    checkUser(this, user);
    const x = this.rows!;
    return this.scoreHistory(
      { items: rowItems(x, user), weights: rowValues(x, user).map((v) => (v > 0 ? 1 : 0)) },
      out,
    );
  }

  scoreHistory(history: UserHistory, out: Float32Array): Float32Array {
    const w = this.weights;
    if (!w) throw new NotFittedError(this.name);
    checkOut(this, out);
    const m = this.kept.length;
    const s = new Float64Array(m);
    for (let k = 0; k < history.items.length; k++) {
      const a = this.slot[history.items[k]];
      const xw = history.weights[k];
      if (a < 0 || xw === 0) continue;
      const o = a * m;
      for (let b = 0; b < m; b++) s[b] += xw * w[o + b];
    }
    let min = Infinity;
    for (let k = 0; k < m; k++) min = Math.min(min, s[k]);
    if (!Number.isFinite(min)) min = 0;
    const maxPop = this.popularity.reduce((a, b) => Math.max(a, b), 1);
    // Unmodelled items sit just below the worst modelled one, in popularity order.
    for (let i = 0; i < this.nItems; i++) out[i] = min - 1 + this.popularity[i] / maxPop / 2;
    for (let k = 0; k < m; k++) out[this.kept[k]] = s[k];
    return out;
  }
}
