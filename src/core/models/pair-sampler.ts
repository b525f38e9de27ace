import type { Rng } from '../../shared/random';
import type { CsrMatrix } from '../data/csr';
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
}

export function createPairSampler(m: CsrMatrix, rng: Rng, negatives?: Int32Array): PairSampler {
  const { indptr, indices } = m;
  const nnz = indices.length,
    nI = negatives ? negatives.length : m.cols;
  const seen = (u: number, j: number): boolean => {
    let lo = indptr[u],
      hi = indptr[u + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1,
        v = indices[mid];
      if (v === j) return true;
      if (v < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  return {
    size: nnz,
    userOf: rowIndexOfEntries(m),
    itemOf: indices,
    positive: () => rng.int(nnz),
    negative: (u) => {
      for (let tries = 0; tries <= 100; tries++) {
        const j = negatives ? negatives[rng.int(nI)] : rng.int(nI);
        if (!seen(u, j)) return j;
      }
      return -1;
    },
  };
}

/** -ln sigma(x), computed without overflow (the BPR loss of one triple). */
export function softplusNeg(x: number): number {
  return x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
}
