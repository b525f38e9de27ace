import type { Rng } from '../../shared/random';
import { hasEntry, type CsrMatrix } from '../data/csr';
import { rowIndexOfEntries } from '../data/sampler';

/**
 * The BPR sampling both BPR and VBPR train on (Rendle et al. 2009): `positive()` draws a stored (u, i)
 * entry uniformly and returns its position p (user `userOf[p]`, item `itemOf[p]`); `negative(u)` draws
 * an item u has not interacted with by rejection (binary search in u's sorted CSR row), or -1 after
 * 100 misses (a user with nearly every item). `negatives` restricts the draws to a list of items
 * (VBPR: only items with training positives, see VbprConfig.coldItemsFromFeatures). No allocation per sample.
 */
export interface PairSampler {
  readonly size: number;
  readonly userOf: Int32Array;
  readonly itemOf: Int32Array;
  positive(): number;
  negative(u: number): number;
  /** Draws one (u, i, j) triple into `u`, `i`, `j`; false when u has no negative left. */
  draw(): boolean;
  u: number;
  i: number;
  j: number;
}

export function createPairSampler(m: CsrMatrix, rng: Rng, negatives?: Int32Array): PairSampler {
  const { indices } = m;
  const nnz = indices.length,
    nI = negatives ? negatives.length : m.cols;
  const userOf = rowIndexOfEntries(m);
  const negative = (u: number): number => {
    for (let tries = 0; tries <= 100; tries++) {
      const j = negatives ? negatives[rng.int(nI)] : rng.int(nI);
      if (!hasEntry(m, u, j)) return j;
    }
    return -1;
  };
  const sampler: PairSampler = {
    size: nnz,
    userOf,
    itemOf: indices,
    positive: () => rng.int(nnz),
    negative,
    u: 0,
    i: 0,
    j: 0,
    draw: () => {
      const p = rng.int(nnz);
      sampler.u = userOf[p];
      sampler.i = indices[p];
      sampler.j = negative(sampler.u);
      return sampler.j >= 0;
    },
  };
  return sampler;
}

/** -ln sigma(x), computed without overflow (the BPR loss of one triple). */
export function softplusNeg(x: number): number {
  return x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
}

/**
 * The latent part of one BPR SGD step, shared by BPR and VBPR: biases b_i, b_j and factors p_u, q_i, q_j
 * (d of them, at offsets uo / io / jo) move along z = sigma(-x_uij), with L2 `reg`. Small enough for V8
 * to inline into the samplers' loops.
 */
export function bprLatentStep(
  P: Float32Array,
  Q: Float32Array,
  b: Float32Array,
  i: number,
  j: number,
  uo: number,
  io: number,
  jo: number,
  d: number,
  z: number,
  lr: number,
  reg: number,
): void {
  b[i] += lr * (z - reg * b[i]);
  b[j] += lr * (-z - reg * b[j]);
  for (let c = 0; c < d; c++) {
    const pu = P[uo + c],
      qi = Q[io + c],
      qj = Q[jo + c];
    P[uo + c] = pu + lr * (z * (qi - qj) - reg * pu);
    Q[io + c] = qi + lr * (z * pu - reg * qi);
    Q[jo + c] = qj + lr * (-z * pu - reg * qj);
  }
}
