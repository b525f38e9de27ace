import { MULBERRY32_STEP, mulberry32Uniform, type Rng } from '../../shared/random';
import { hasEntry, type CsrMatrix } from '../data/csr';
import { rowIndexOfEntries } from '../data/sampler';
import { bprLatentStep, softplusNeg } from './pair-sampler';
import type { BprSimd } from './bpr-simd';
import type { EpochResult } from './train-epochs';

/**
 * Everything one BPR epoch touches, as flat typed arrays and numbers: the kernel below reads no object
 * property and calls no closure in its loop (it steps the generator's state in a local).
 */
export interface BprKernel {
  /** The training positives (sorted CSR rows) and the row of each stored entry. */
  m: CsrMatrix;
  userOf: Int32Array;
  /** Factors (users x d, items x d) and item biases, updated in place. */
  P: Float32Array;
  Q: Float32Array;
  b: Float32Array;
  d: number;
  reg: number;
  rng: Rng;
  /** The step's O(d) halves in wasm SIMD when P, Q and b are its views (createBprSimd); else JS. */
  simd: BprSimd | null;
}

export function createBprKernel(
  m: CsrMatrix,
  P: Float32Array,
  Q: Float32Array,
  b: Float32Array,
  d: number,
  reg: number,
  rng: Rng,
  simd: BprSimd | null = null,
): BprKernel {
  if (simd && (simd.P !== P || simd.Q !== Q || simd.b !== b))
    throw new Error('BPR kernel: the SIMD step needs P, Q and b to be its own views');
  return { m, userOf: rowIndexOfEntries(m), P, Q, b, d, reg, rng, simd };
}

/**
 * One BPR SGD epoch (one sample per stored pair), draw for draw the triples createPairSampler would give
 * from the same generator (a uniform stored entry, then a rejection-sampled unseen item, giving up after
 * 101 tries) and the same step (bprLatentStep), so parameters match the sampler-object path; only the
 * sampler object and its closures are gone: the generator's state is stepped in a local (issue 9's
 * samples/s target).
 */
export function bprEpoch(k: BprKernel, lr: number): EpochResult {
  const { m, userOf, P, Q, b, d, reg, simd } = k;
  const { indices } = m,
    nItems = m.cols;
  let a = k.rng.state;
  const nnz = indices.length;
  let loss = 0,
    count = 0,
    lossCount = 0;
  const keep = 1 - lr * reg;
  for (let s = 0; s < nnz; s++) {
    a = (a + MULBERRY32_STEP) >>> 0;
    const p = Math.floor(mulberry32Uniform(a) * nnz);
    const u = userOf[p],
      i = indices[p];
    let j = -1;
    for (let tries = 0; tries <= 100; tries++) {
      a = (a + MULBERRY32_STEP) >>> 0;
      const c = Math.floor(mulberry32Uniform(a) * nItems);
      if (!hasEntry(m, u, c)) {
        j = c;
        break;
      }
    }
    if (j < 0) continue;
    const uo = u * d,
      io = i * d,
      jo = j * d;
    const x = b[i] - b[j] + (simd ? simd.dot(uo, io, jo) : diffDot(P, Q, uo, io, jo, d));
    const z = 1 / (1 + Math.exp(x));
    // The loss is only monitored (divergence guard), so a 1-in-8 subsample keeps log() off the hot path.
    if ((s & 7) === 0) {
      loss += softplusNeg(x);
      lossCount++;
    }
    count++;
    if (simd) {
      b[i] += lr * (z - reg * b[i]);
      b[j] += lr * (-z - reg * b[j]);
      // bprLatentStep's factor update with its constants hoisted: v + lr (g - reg v) = keep v + lr g.
      simd.update(uo, io, jo, lr * z, keep);
    } else bprLatentStep(P, Q, b, i, j, uo, io, jo, d, z, lr, reg);
  }
  k.rng.state = a;
  return { loss: lossCount ? loss / lossCount : 0, samples: count };
}

/** p_u . (q_i - q_j) with four independent sums (one dependent chain is latency-bound). */
function diffDot(P: Float32Array, Q: Float32Array, uo: number, io: number, jo: number, d: number): number {
  let x0 = 0,
    x1 = 0,
    x2 = 0,
    x3 = 0;
  let c = 0;
  for (const d4 = d - 3; c < d4; c += 4) {
    x0 += P[uo + c] * (Q[io + c] - Q[jo + c]);
    x1 += P[uo + c + 1] * (Q[io + c + 1] - Q[jo + c + 1]);
    x2 += P[uo + c + 2] * (Q[io + c + 2] - Q[jo + c + 2]);
    x3 += P[uo + c + 3] * (Q[io + c + 3] - Q[jo + c + 3]);
  }
  for (; c < d; c++) x0 += P[uo + c] * (Q[io + c] - Q[jo + c]);
  return x0 + x1 + (x2 + x3);
}
