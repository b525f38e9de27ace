import { nowMs } from './clock';
import { rowItems, rowValues } from '../data/csr';
import type { UserHistory } from '../data/history';
import { assertFinite, centreAndNormalise, matVec, normaliseRows, type Matrix } from '../linalg';
import {
  checkOut,
  checkUser,
  emptyReport,
  MissingFeaturesError,
  NotFittedError,
  type FitReport,
  type Recommender,
  type TrainData,
} from './contract';

export interface ContentConfig {
  /** Subtract the catalog mean before normalising (removes the "every photo looks alike" direction). Default true. */
  centre?: boolean;
  name?: string;
}

/**
 * Content-based recommender (Lops, de Gemmis & Semeraro, "Content-based Recommender Systems", 2011; visual
 * variant as in McAuley et al., SIGIR 2015): the user's taste vector is the weighted mean of the feature
 * vectors of the items they interacted with (negative weights subtract), and items score by cosine to it.
 * Works on any modality (visual, text, fused). Time decay is applied upstream by summariseLog.
 */
export class ContentModel implements Recommender {
  readonly name: string;
  nUsers = 0;
  nItems = 0;
  private features: Matrix | undefined;
  private profiles = new Float32Array(0);
  constructor(private readonly config: ContentConfig = {}) {
    this.name = config.name ?? 'content';
  }

  /** The normalised item features this model scores with (for similar-items, MMR and explanations). */
  get itemFeatures(): Matrix {
    if (!this.features) throw new NotFittedError(this.name);
    return this.features;
  }

  fit(data: TrainData): FitReport {
    const t0 = nowMs();
    if (!data.features) throw new MissingFeaturesError(this.name);
    assertFinite(data.features.data, `${this.name} item features`);
    const f = (this.features =
      this.config.centre === false ? normaliseRows(data.features) : centreAndNormalise(data.features));
    const m = data.interactions;
    this.nUsers = m.rows;
    this.nItems = m.cols;
    if (f.rows !== m.cols) throw new RangeError(`${this.name}: ${f.rows} feature rows for ${m.cols} items`);
    this.profiles = new Float32Array(m.rows * f.cols);
    for (let u = 0; u < m.rows; u++)
      this.profile(rowItems(m, u), rowValues(m, u), this.profiles.subarray(u * f.cols, (u + 1) * f.cols));
    return emptyReport(nowMs() - t0);
  }

  /** Taste vector into out (length feature dims): normalised weighted sum of item features. */
  profile(items: ArrayLike<number>, weights: ArrayLike<number>, out: Float32Array): Float32Array {
    const f = this.itemFeatures;
    out.fill(0);
    for (let k = 0; k < items.length; k++) {
      const w = weights[k],
        o = items[k] * f.cols;
      for (let c = 0; c < f.cols; c++) out[c] += w * f.data[o + c];
    }
    let n = 0;
    for (let c = 0; c < f.cols; c++) n += out[c] * out[c];
    if (n > 0) {
      n = 1 / Math.sqrt(n);
      for (let c = 0; c < f.cols; c++) out[c] *= n;
    }
    return out;
  }

  scoreUser(user: number, out: Float32Array): Float32Array {
    checkUser(this, user);
    checkOut(this, out);
    const d = this.itemFeatures.cols;
    return matVec(this.itemFeatures, this.profiles.subarray(user * d, (user + 1) * d), out);
  }

  scoreHistory(history: UserHistory, out: Float32Array): Float32Array {
    checkOut(this, out);
    const taste = this.profile(history.items, history.weights, new Float32Array(this.itemFeatures.cols));
    return matVec(this.itemFeatures, taste, out);
  }
}
