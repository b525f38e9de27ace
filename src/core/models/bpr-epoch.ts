import { MULBERRY32_STEP, mulberry32Uniform, type Rng } from '../../shared/random';
import type { CsrMatrix } from '../data/csr';
import { rowIndexOfEntries } from '../data/sampler';
import { softplusNeg } from './pair-sampler';
import type { EpochResult } from './train-epochs';

/**
 * Everything one BPR epoch touches, as flat typed arrays and numbers: the kernel below reads no object
 * property and calls no closure in its loop (it steps the generator's state in a local).
 */
export interface BprKernel {
  /** CSR of the training positives (sorted rows) and the row of each stored entry. */
  indptr: Int32Array;
  indices: Int32Array;
  userOf: Int32Array;
  nItems: number;
  /** Factors (users x d, items x d) and item biases, updated in place. */
  P: Float32Array;
  Q: Float32Array;
  b: Float32Array;
  d: number;
  reg: number;
  rng: Rng;
}

export function createBprKernel(m: CsrMatrix, P: Float32Array, Q: Float32Array, b: Float32Array, d: number, reg: number, rng: Rng): BprKernel {
  return { indptr: m.indptr, indices: m.indices, userOf: rowIndexOfEntries(m), nItems: m.cols, P, Q, b, d, reg, rng };
}

/**
 * One BPR SGD epoch (one sample per stored pair), draw for draw the triples createPairSampler would give
 * from the same generator (a uniform stored entry, then a rejection-sampled unseen item, giving up after
 * 101 tries) and the same arithmetic as bprLatentStep, so parameters match the sampler-object path; only
 * the indirection is gone (issue 9's samples/s target).
 */
export function bprEpoch(k: BprKernel, lr: number): EpochResult {
  const { indptr, indices, userOf, nItems, P, Q, b, d, reg } = k;
  let a = k.rng.state;
  const nnz = indices.length;
  let loss = 0,
    count = 0,
    lossCount = 0;
  for (let s = 0; s < nnz; s++) {
    a = (a + MULBERRY32_STEP) >>> 0;
    const p = Math.floor(mulberry32Uniform(a) * nnz);
    const u = userOf[p],
      i = indices[p],
      lo0 = indptr[u],
      hi0 = indptr[u + 1] - 1;
    let j = -1;
    for (let tries = 0; tries <= 100; tries++) {
      a = (a + MULBERRY32_STEP) >>> 0;
      const c = Math.floor(mulberry32Uniform(a) * nItems);
      let lo = lo0,
        hi = hi0,
        seen = false;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1,
          v = indices[mid];
        if (v === c) {
          seen = true;
          break;
        }
        if (v < c) lo = mid + 1;
        else hi = mid - 1;
      }
      if (!seen) {
        j = c;
        break;
      }
    }
    if (j < 0) continue;
    const uo = u * d,
      io = i * d,
      jo = j * d;
    let x = b[i] - b[j];
    for (let c = 0; c < d; c++) x += P[uo + c] * (Q[io + c] - Q[jo + c]);
    const z = 1 / (1 + Math.exp(x));
    // The loss is only monitored (divergence guard), so a 1-in-8 subsample keeps log() off the hot path.
    if ((s & 7) === 0) {
      loss += softplusNeg(x);
      lossCount++;
    }
    count++;
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
  k.rng.state = a;
  return { loss: lossCount ? loss / lossCount : 0, samples: count };
}
