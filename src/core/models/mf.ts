import { createRng } from '../../shared/random';
import { rowItems, rowValues } from '../data/csr';
import type { UserHistory } from '../data/history';
import { rowIndexOfEntries } from '../data/sampler';
import { assertFinite, solveSpd } from '../linalg';
import {
  checkOut,
  checkUser,
  NotFittedError,
  type FitOptions,
  type FitReport,
  type Recommender,
  type TrainData,
} from './contract';
import { trainEpochs } from './train-epochs';

export interface MfConfig {
  factors?: number;
  learningRate?: number;
  regularization?: number;
  epochs?: number;
  seed?: number;
}

/**
 * Explicit-rating matrix factorisation with the squared-error loss (Koren, Bell & Volinsky, "Matrix
 * Factorization Techniques for Recommender Systems", IEEE Computer 2009; the "Funk SVD" SGD):
 * r_ui ~ mu + b_u + b_i + p_u . q_i, minimising squared error + L2 by SGD over shuffled ratings.
 * Interaction values are ratings. Scores are predicted ratings. It belongs on RMSE/MAE, not on ranking.
 */
export class MfModel implements Recommender {
  readonly name = 'mf';
  nUsers = 0;
  nItems = 0;
  mean = 0;
  userFactors = new Float32Array(0);
  itemFactors = new Float32Array(0);
  userBias = new Float32Array(0);
  itemBias = new Float32Array(0);
  private fitted = false;
  readonly config: Required<MfConfig>;

  constructor(config: MfConfig = {}) {
    this.config = {
      factors: config.factors ?? 20,
      learningRate: config.learningRate ?? 0.01,
      regularization: config.regularization ?? 0.05,
      epochs: config.epochs ?? 25,
      seed: config.seed ?? 1,
    };
  }

  fit(data: TrainData, options: FitOptions = {}): FitReport {
    const m = data.interactions;
    assertFinite(m.values, 'ratings');
    const { factors: d, regularization: reg, epochs, seed } = this.config;
    const nU = (this.nUsers = m.rows),
      nI = (this.nItems = m.cols),
      nnz = m.indices.length;
    const rng = createRng(seed);
    const P = (this.userFactors = new Float32Array(nU * d));
    const Q = (this.itemFactors = new Float32Array(nI * d));
    const bu = (this.userBias = new Float32Array(nU));
    const bi = (this.itemBias = new Float32Array(nI));
    for (let k = 0; k < P.length; k++) P[k] = rng.normal() * 0.1;
    for (let k = 0; k < Q.length; k++) Q[k] = rng.normal() * 0.1;
    let mean = 0;
    for (let k = 0; k < nnz; k++) mean += m.values[k];
    this.mean = mean = nnz ? mean / nnz : 0;
    this.fitted = true;
    const rowOf = rowIndexOfEntries(m);
    const order = Int32Array.from({ length: nnz }, (_, k) => k);
    return trainEpochs(
      { ...options, epochs: nnz > 0 ? epochs : 0, learningRate: this.config.learningRate, params: [P, Q, bu, bi] },
      (_, lr) => {
        for (let k = nnz - 1; k > 0; k--) {
          const r = rng.int(k + 1);
          const t = order[k];
          order[k] = order[r];
          order[r] = t;
        }
        let sq = 0;
        for (let s = 0; s < nnz; s++) {
          const p = order[s],
            u = rowOf[p],
            i = m.indices[p];
          const uo = u * d,
            io = i * d;
          let pred = mean + bu[u] + bi[i];
          for (let c = 0; c < d; c++) pred += P[uo + c] * Q[io + c];
          const err = m.values[p] - pred;
          sq += err * err;
          bu[u] += lr * (err - reg * bu[u]);
          bi[i] += lr * (err - reg * bi[i]);
          for (let c = 0; c < d; c++) {
            const pu = P[uo + c],
              qi = Q[io + c];
            P[uo + c] = pu + lr * (err * qi - reg * pu);
            Q[io + c] = qi + lr * (err * pu - reg * qi);
          }
        }
        return { loss: sq / Math.max(1, nnz), samples: nnz };
      },
    );
  }

  /** Predicted rating of one (user, item) pair. */
  predict(user: number, item: number): number {
    checkUser(this, user);
    const d = this.config.factors;
    let s = this.mean + this.userBias[user] + this.itemBias[item];
    for (let c = 0; c < d; c++) s += this.userFactors[user * d + c] * this.itemFactors[item * d + c];
    return s;
  }

  scoreUser(user: number, out: Float32Array): Float32Array {
    checkUser(this, user);
    return this.scoreVector(
      this.userFactors.subarray(user * this.config.factors, (user + 1) * this.config.factors),
      this.userBias[user],
      out,
    );
  }

  /**
   * History weights are read as ratings here. The user's (p_u, b_u) come from a ridge regression on the
   * fixed item side (one small d+1 solve): the closed-form fold-in for the squared loss.
   */
  scoreHistory(history: UserHistory, out: Float32Array): Float32Array {
    if (!this.fitted) throw new NotFittedError(this.name);
    const d = this.config.factors,
      dd = d + 1;
    const a = new Float64Array(dd * dd),
      rhs = new Float64Array(dd);
    const x = new Float64Array(dd);
    for (let k = 0; k < history.items.length; k++) {
      const i = history.items[k];
      for (let c = 0; c < d; c++) x[c] = this.itemFactors[i * d + c];
      x[d] = 1;
      const res = history.weights[k] - this.mean - this.itemBias[i];
      for (let r = 0; r < dd; r++) {
        rhs[r] += x[r] * res;
        for (let c = 0; c < dd; c++) a[r * dd + c] += x[r] * x[c];
      }
    }
    const lambda = this.config.regularization * Math.max(1, history.items.length);
    for (let r = 0; r < dd; r++) a[r * dd + r] += lambda;
    const sol = solveSpd(a, rhs, dd);
    return this.scoreVector(Float32Array.from(sol.subarray(0, d)), sol[d], out);
  }

  private scoreVector(p: Float32Array, userBias: number, out: Float32Array): Float32Array {
    checkOut(this, out);
    const d = this.config.factors,
      Q = this.itemFactors;
    for (let i = 0; i < this.nItems; i++) {
      let s = this.mean + userBias + this.itemBias[i];
      for (let c = 0; c < d; c++) s += p[c] * Q[i * d + c];
      out[i] = s;
    }
    return out;
  }
}

/** Ratings of one user as a history (for MF fold-in). */
export function ratingsHistory(m: TrainData['interactions'], user: number): UserHistory {
  return { items: rowItems(m, user).slice(), weights: rowValues(m, user).slice() };
}
