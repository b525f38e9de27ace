import { createRng } from '../../shared/random';
import { columnCounts, hasEntry } from '../data/csr';
import type { UserHistory } from '../data/history';
import { rowIndexOfEntries } from '../data/sampler';
import { assertFinite, createMatrix, type Matrix } from '../linalg';
import { nowMs } from './clock';
import {
  checkOut,
  checkUser,
  MissingFeaturesError,
  NotFittedError,
  type FitOptions,
  type FitReport,
  type Recommender,
  type TrainData,
} from './contract';
import { DivergenceGuard } from './divergence';
import { foldIn, scoreWithParams, type FoldInOptions } from './fold-in';
import type { ItemParams } from './item-params';

export interface VbprConfig {
  /** Latent (non-visual) factors gamma. */
  factors?: number;
  /** Visual factors theta / columns of E. */
  visualFactors?: number;
  learningRate?: number;
  regularization?: number;
  /** L2 on E and beta' (applied lazily on the feature dimensions a sample touches). */
  visualRegularization?: number;
  epochs?: number;
  seed?: number;
  /**
   * Items without a single training positive keep no latent part: gamma_i = 0 and b_i = mean bias, so they
   * are scored from their features alone (the paper's cold-start reading) instead of by the negative
   * drift sampling gives them. Default true.
   */
  coldItemsFromFeatures?: boolean;
  foldIn?: FoldInOptions;
}

/**
 * VBPR: He & McAuley, "VBPR: Visual Bayesian Personalized Ranking from Implicit Feedback", AAAI 2016.
 * x_ui = b_i + gamma_u . gamma_i + theta_u . (E^T f_i) + beta' . f_i, trained with the BPR criterion.
 * After training the visual terms are folded into the public ItemParams (q_i = [gamma_i ; E^T f_i],
 * b_i += beta'.f_i), so scoring costs one mat-vec, and E/beta' ship along to score brand-new items.
 */
export class VbprModel implements Recommender {
  readonly name: string;
  nUsers = 0;
  nItems = 0;
  /** nUsers x (factors + visualFactors): [gamma_u ; theta_u]. */
  userFactors = new Float32Array(0);
  private params: ItemParams | undefined;
  readonly config: Required<Omit<VbprConfig, 'foldIn'>> & { foldIn: FoldInOptions };

  constructor(config: VbprConfig = {}, name = 'vbpr') {
    this.name = name;
    this.config = {
      factors: config.factors ?? 20,
      visualFactors: config.visualFactors ?? 20,
      learningRate: config.learningRate ?? 0.05,
      regularization: config.regularization ?? 0.01,
      visualRegularization: config.visualRegularization ?? 0.001,
      epochs: config.epochs ?? 30,
      seed: config.seed ?? 1,
      coldItemsFromFeatures: config.coldItemsFromFeatures ?? true,
      foldIn: config.foldIn ?? {},
    };
  }

  get itemParams(): ItemParams {
    if (!this.params) throw new NotFittedError(this.name);
    return this.params;
  }

  fit(data: TrainData, options: FitOptions = {}): FitReport {
    if (!data.features) throw new MissingFeaturesError(this.name);
    const F = data.features;
    assertFinite(F.data, `${this.name} item features`);
    const m = data.interactions;
    if (F.rows !== m.cols) throw new RangeError(`${this.name}: ${F.rows} feature rows for ${m.cols} items`);
    const {
      factors: d1,
      visualFactors: d2,
      regularization: reg,
      visualRegularization: regV,
      epochs,
      seed,
    } = this.config;
    let lr = this.config.learningRate;
    const D = F.cols,
      f = F.data,
      du = d1 + d2;
    const nU = (this.nUsers = m.rows),
      nI = (this.nItems = m.cols);
    const rng = createRng(seed);
    const P = (this.userFactors = new Float32Array(nU * du));
    const G = new Float32Array(nI * d1);
    const b = new Float32Array(nI);
    const E = new Float32Array(D * d2);
    const beta = new Float32Array(D);
    for (let k = 0; k < P.length; k++) P[k] = (rng.next() - 0.5) / du;
    for (let k = 0; k < G.length; k++) G[k] = (rng.next() - 0.5) / d1;
    for (let k = 0; k < E.length; k++) E[k] = (rng.next() - 0.5) / d2;
    const guard = new DivergenceGuard([P, G, b, E, beta]);
    const rowOf = rowIndexOfEntries(m);
    const nnz = m.indices.length;
    const diff = new Float32Array(D),
      nz = new Int32Array(D),
      e = new Float32Array(d2),
      th = new Float32Array(d2);
    const t0 = nowMs();
    const losses: number[] = [];
    let samples = 0,
      epoch = 0;
    for (; epoch < epochs && nnz > 0; epoch++) {
      const te = nowMs();
      let loss = 0,
        count = 0;
      for (let s = 0; s < nnz; s++) {
        const pIdx = rng.int(nnz);
        const u = rowOf[pIdx],
          i = m.indices[pIdx];
        let j = rng.int(nI),
          tries = 0;
        while (hasEntry(m, u, j) && tries++ < 100) j = rng.int(nI);
        if (tries > 100) continue;
        // Sparse feature difference: text features are mostly zeros, so only touched dimensions cost.
        const io = i * D,
          jo = j * D;
        let nn = 0;
        for (let c = 0; c < D; c++) {
          const v = f[io + c] - f[jo + c];
          if (v !== 0) {
            diff[nn] = v;
            nz[nn++] = c;
          }
        }
        e.fill(0);
        let x = b[i] - b[j];
        for (let t = 0; t < nn; t++) {
          const c = nz[t],
            v = diff[t],
            eo = c * d2;
          x += v * beta[c];
          for (let k = 0; k < d2; k++) e[k] += v * E[eo + k];
        }
        const uo = u * du,
          gi = i * d1,
          gj = j * d1;
        for (let c = 0; c < d1; c++) x += P[uo + c] * (G[gi + c] - G[gj + c]);
        for (let k = 0; k < d2; k++) x += P[uo + d1 + k] * e[k];
        const z = 1 / (1 + Math.exp(x));
        loss += x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
        count++;
        b[i] += lr * (z - reg * b[i]);
        b[j] += lr * (-z - reg * b[j]);
        for (let c = 0; c < d1; c++) {
          const pu = P[uo + c],
            qi = G[gi + c],
            qj = G[gj + c];
          P[uo + c] = pu + lr * (z * (qi - qj) - reg * pu);
          G[gi + c] = qi + lr * (z * pu - reg * qi);
          G[gj + c] = qj + lr * (-z * pu - reg * qj);
        }
        for (let k = 0; k < d2; k++) {
          th[k] = P[uo + d1 + k];
          P[uo + d1 + k] = th[k] + lr * (z * e[k] - reg * th[k]);
        }
        for (let t = 0; t < nn; t++) {
          const c = nz[t],
            v = diff[t],
            eo = c * d2;
          beta[c] += lr * (z * v - regV * beta[c]);
          for (let k = 0; k < d2; k++) E[eo + k] += lr * (z * v * th[k] - regV * E[eo + k]);
        }
      }
      samples += count;
      const meanLoss = count ? loss / count : 0;
      losses.push(meanLoss);
      if (!guard.accept(epoch, meanLoss)) {
        lr /= 2;
        if (guard.exhausted) break;
        continue;
      }
      if (options.onEpoch?.({ epoch, loss: meanLoss, samples: count, ms: nowMs() - te }) === false) {
        epoch++;
        break;
      }
    }
    this.params = this.buildItemParams(
      F,
      G,
      b,
      E,
      beta,
      this.config.coldItemsFromFeatures ? columnCounts(m) : undefined,
    );
    return { epochs: epoch, samples, ms: nowMs() - t0, losses, rolledBack: guard.rolledBack };
  }

  private buildItemParams(
    F: Matrix,
    G: Float32Array,
    b: Float32Array,
    E: Float32Array,
    beta: Float32Array,
    counts?: Float32Array,
  ): ItemParams {
    const { factors: d1, visualFactors: d2 } = this.config;
    const nI = F.rows,
      D = F.cols,
      du = d1 + d2;
    const factors = createMatrix(nI, du);
    const bias = new Float32Array(nI);
    let warmBias = 0,
      warm = 0;
    if (counts)
      for (let i = 0; i < nI; i++)
        if (counts[i] > 0) {
          warmBias += b[i];
          warm++;
        }
    const coldBias = warm ? warmBias / warm : 0;
    for (let i = 0; i < nI; i++) {
      const cold = counts !== undefined && counts[i] === 0;
      const fo = i * D,
        qo = i * du;
      if (!cold) for (let c = 0; c < d1; c++) factors.data[qo + c] = G[i * d1 + c];
      let vb = cold ? coldBias : b[i];
      for (let c = 0; c < D; c++) {
        const x = F.data[fo + c];
        if (x === 0) continue;
        vb += beta[c] * x;
        for (let k = 0; k < d2; k++) factors.data[qo + d1 + k] += x * E[c * d2 + k];
      }
      bias[i] = vb;
    }
    return {
      model: this.name,
      factors,
      bias,
      regularization: this.config.regularization,
      visual: { latentDims: d1, projection: createMatrix(D, d2, E), featureBias: beta },
    };
  }

  userVector(user: number): Float32Array {
    checkUser(this, user);
    const du = this.config.factors + this.config.visualFactors;
    return this.userFactors.subarray(user * du, (user + 1) * du);
  }

  scoreUser(user: number, out: Float32Array): Float32Array {
    checkOut(this, out);
    return scoreWithParams(this.itemParams, this.userVector(user), out);
  }

  scoreHistory(history: UserHistory, out: Float32Array): Float32Array {
    checkOut(this, out);
    return scoreWithParams(this.itemParams, foldIn(history, this.itemParams, this.config.foldIn), out);
  }
}
