import { createRng } from '../../shared/random';
import { columnCounts } from '../data/csr';
import type { UserHistory } from '../data/history';
import { assertFinite, createMatrix, type Matrix } from '../linalg';
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
import { bprLatentStep, createPairSampler, softplusNeg, type PairSampler } from './pair-sampler';
import { trainEpochs, type EpochResult } from './train-epochs';
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
   * are scored from their features alone (the paper's cold-start reading), and they are not sampled as
   * negatives (which would teach E to push their photos down). Default true.
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
    const D = F.cols,
      f = F.data,
      du = d1 + d2;
    const nU = (this.nUsers = m.rows),
      nI = (this.nItems = m.cols);
    const rng = createRng(seed);
    const P = (this.userFactors = new Float32Array(nU * du));
    const G = new Float32Array(nI * d1);
    const b = new Float32Array(nI);
    // E is kept transposed (d2 x D) while training: both per-sample products with it, e = E^T (f_i - f_j)
    // and the rank-1 gradient update, then run over contiguous memory with a scalar in a register.
    const Et = new Float32Array(d2 * D);
    const beta = new Float32Array(D);
    for (let k = 0; k < P.length; k++) P[k] = (rng.next() - 0.5) / du;
    for (let k = 0; k < G.length; k++) G[k] = (rng.next() - 0.5) / d1;
    for (let k = 0; k < Et.length; k++) Et[k] = (rng.next() - 0.5) / d2;
    const counts = columnCounts(m);
    // Cold items (no training positive) are never drawn as negatives either: otherwise E and beta' learn to
    // push down the very photos they will have to score from pixels (a new catalog item, a held-out one).
    const warm = Int32Array.from(counts.keys()).filter((i) => counts[i] > 0);
    const pairs = createPairSampler(m, rng, this.config.coldItemsFromFeatures ? warm : undefined);
    const nnz = pairs.size;
    // Dense features (MobileNetV2) take a straight loop; sparse ones (hashed text) only the dimensions
    // where f_i - f_j is non-zero.
    let nonZero = 0;
    for (let k = 0; k < f.length; k++) if (f[k] !== 0) nonZero++;
    const dense = nonZero > f.length / 4;
    const diff = new Float32Array(D),
      nz = new Int32Array(D),
      ev = new Float32Array(d2);
    const state: VbprState = { f, D, d1, d2, du, reg, regV, dense, P, G, b, Et, beta, pairs, diff, nz, ev };
    const report = trainEpochs(
      {
        ...options,
        epochs: nnz > 0 ? epochs : 0,
        learningRate: this.config.learningRate,
        params: [P, G, b, Et, beta],
      },
      (_, lr) => vbprEpoch(state, lr),
    );
    const E = new Float32Array(D * d2);
    for (let k = 0; k < d2; k++) for (let c = 0; c < D; c++) E[c * d2 + k] = Et[k * D + c];
    this.params = this.buildItemParams(
      F,
      G,
      b,
      E,
      beta,
      this.config.coldItemsFromFeatures ? counts : undefined,
    );
    return report;
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

interface VbprState {
  f: Float32Array;
  D: number;
  d1: number;
  d2: number;
  du: number;
  reg: number;
  regV: number;
  dense: boolean;
  P: Float32Array;
  G: Float32Array;
  b: Float32Array;
  /** E transposed (d2 x D). */
  Et: Float32Array;
  beta: Float32Array;
  pairs: PairSampler;
  /** Scratch: f_i - f_j (dense) or its non-zero values and their dimensions (sparse), and e = E^T (f_i - f_j). */
  diff: Float32Array;
  nz: Int32Array;
  ev: Float32Array;
}

/**
 * One VBPR epoch (one sample per stored pair). A module-level function over locals: the hot loop reads
 * no closure slots.
 */
function vbprEpoch(state: VbprState, lr: number): EpochResult {
  const { f, D, d1, d2, du, reg, regV, dense, P, G, b, Et, beta, pairs, diff, nz, ev } = state;
  const nnz = pairs.size;
  let loss = 0,
    count = 0;
  const decay = 1 - lr * regV;
  for (let s = 0; s < nnz; s++) {
    if (!pairs.draw()) continue;
    const { u, i, j } = pairs;
    const io = i * D,
      jo = j * D,
      uo = u * du,
      vo = uo + d1,
      gi = i * d1,
      gj = j * d1;
    let x = b[i] - b[j],
      nn = 0;
    if (dense) {
      for (let c = 0; c < D; c++) {
        const v = f[io + c] - f[jo + c];
        diff[c] = v;
        x += v * beta[c];
      }
      for (let k = 0; k < d2; k++) {
        let e = 0;
        const eo = k * D;
        for (let c = 0; c < D; c++) e += diff[c] * Et[eo + c];
        ev[k] = e;
        x += P[vo + k] * e;
      }
    } else {
      for (let c = 0; c < D; c++) {
        const v = f[io + c] - f[jo + c];
        if (v !== 0) {
          diff[nn] = v;
          nz[nn++] = c;
          x += v * beta[c];
        }
      }
      for (let k = 0; k < d2; k++) {
        let e = 0;
        const eo = k * D;
        for (let t = 0; t < nn; t++) e += diff[t] * Et[eo + nz[t]];
        ev[k] = e;
        x += P[vo + k] * e;
      }
    }
    for (let c = 0; c < d1; c++) x += P[uo + c] * (G[gi + c] - G[gj + c]);
    const z = 1 / (1 + Math.exp(x));
    // Every sample's loss (unlike BPR's 1-in-8): next to the O(D x d2) visual term, log() is free, and a
    // near-zero subsampled loss on an easy problem is noisy enough to trip the divergence guard.
    loss += softplusNeg(x);
    count++;
    bprLatentStep(P, G, b, i, j, uo, gi, gj, d1, z, lr, reg);
    // E's rank-1 step (f_i - f_j) (z theta_u)^T uses the old theta_u; theta_u's step is z e.
    const lz = lr * z;
    if (dense) for (let c = 0; c < D; c++) beta[c] = beta[c] * decay + lz * diff[c];
    else for (let t = 0; t < nn; t++) beta[nz[t]] = beta[nz[t]] * decay + lz * diff[t];
    for (let k = 0; k < d2; k++) {
      const th = P[vo + k],
        g = lz * th,
        eo = k * D;
      if (dense) for (let c = 0; c < D; c++) Et[eo + c] = Et[eo + c] * decay + g * diff[c];
      else
        for (let t = 0; t < nn; t++) {
          const c = eo + nz[t];
          Et[c] = Et[c] * decay + g * diff[t];
        }
      P[vo + k] = th + lr * (z * ev[k] - reg * th);
    }
  }
  return { loss: count ? loss / count : 0, samples: count };
}
