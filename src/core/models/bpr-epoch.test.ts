import { describe, expect, it } from 'vitest';
import { createRng } from '../../shared/random';
import { createTriples } from '../data';
import { csrFromTriples } from '../data/csr';
import { bprEpoch, createBprKernel } from './bpr-epoch';
import { BprModel } from './bpr';
import { createBprSimd } from './bpr-simd';
import { bprLatentStep, createPairSampler, softplusNeg } from './pair-sampler';

const N_USERS = 40,
  N_ITEMS = 60,
  D = 8;

/** Random positives; user 0 has every item (no negative exists: its draws are skipped). */
function data() {
  const rng = createRng(5);
  const us: number[] = [],
    is: number[] = [];
  for (let i = 0; i < N_ITEMS; i++) {
    us.push(0);
    is.push(i);
  }
  for (let u = 1; u < N_USERS; u++)
    for (let i = 0; i < N_ITEMS; i++)
      if (rng.next() < 0.15) {
        us.push(u);
        is.push(i);
      }
  return csrFromTriples(createTriples(us, is), N_USERS, N_ITEMS);
}

function init(seed: number) {
  const rng = createRng(seed);
  const P = Float32Array.from({ length: N_USERS * D }, () => (rng.next() - 0.5) / D);
  const Q = Float32Array.from({ length: N_ITEMS * D }, () => (rng.next() - 0.5) / D);
  return { rng, P, Q, b: new Float32Array(N_ITEMS) };
}

/** The sampler-object epoch the kernel replaced: createPairSampler draws, bprLatentStep updates. */
function referenceEpoch(m: ReturnType<typeof data>, s: ReturnType<typeof init>, lr: number, reg: number) {
  const pairs = createPairSampler(m, s.rng);
  let loss = 0,
    lossCount = 0,
    count = 0;
  for (let k = 0; k < pairs.size; k++) {
    if (!pairs.draw()) continue;
    const { u, i, j } = pairs;
    let x = s.b[i] - s.b[j];
    for (let c = 0; c < D; c++) x += s.P[u * D + c] * (s.Q[i * D + c] - s.Q[j * D + c]);
    const z = 1 / (1 + Math.exp(x));
    if ((k & 7) === 0) {
      loss += softplusNeg(x);
      lossCount++;
    }
    count++;
    bprLatentStep(s.P, s.Q, s.b, i, j, u * D, i * D, j * D, D, z, lr, reg);
  }
  return { loss: loss / lossCount, samples: count };
}

describe('bprEpoch (flat BPR kernel)', () => {
  it('trains on the same triples with the same arithmetic as the sampler-object path (3 epochs)', () => {
    const m = data();
    const ref = init(11),
      fast = init(11);
    const kernel = createBprKernel(m, fast.P, fast.Q, fast.b, D, 0.01, fast.rng);
    for (let e = 0; e < 3; e++) {
      const a = referenceEpoch(m, ref, 0.1, 0.01);
      const k = bprEpoch(kernel, 0.1);
      expect(k.samples).toBe(a.samples);
      expect(k.samples).toBeLessThan(m.indices.length); // user 0's draws were skipped on both paths
      expect(k.loss).toBeCloseTo(a.loss, 5);
    }
    for (const [x, y] of [
      [fast.P, ref.P],
      [fast.Q, ref.Q],
      [fast.b, ref.b],
    ])
      for (let k = 0; k < x.length; k++) expect(Math.abs(x[k] - y[k])).toBeLessThan(1e-5);
    expect(fast.rng.next()).toBe(ref.rng.next()); // both consumed the same draws
  });

  it('takes the same steps when the O(d) halves run in wasm SIMD (float32 sums: equal to rounding)', () => {
    const m = data();
    const ref = init(11),
      src = init(11);
    const simd = createBprSimd(N_USERS, N_ITEMS, D);
    expect(simd).not.toBeNull(); // Node 22 has SIMD128: the fast path is the one under test
    simd!.P.set(src.P);
    simd!.Q.set(src.Q);
    const kernel = createBprKernel(m, simd!.P, simd!.Q, simd!.b, D, 0.01, src.rng, simd);
    for (let e = 0; e < 3; e++) {
      const a = referenceEpoch(m, ref, 0.1, 0.01);
      const k = bprEpoch(kernel, 0.1);
      expect(k.samples).toBe(a.samples);
      expect(k.loss).toBeCloseTo(a.loss, 5);
    }
    for (const [x, y] of [
      [simd!.P, ref.P],
      [simd!.Q, ref.Q],
      [simd!.b, ref.b],
    ])
      for (let k = 0; k < x.length; k++) expect(Math.abs(x[k] - y[k])).toBeLessThan(1e-5);
    expect(() => createBprKernel(m, src.P, simd!.Q, simd!.b, D, 0.01, src.rng, simd)).toThrow(/own views/);
  });

  it('makes BprModel deterministic for a seed and different across seeds', () => {
    const m = data();
    const fit = (seed: number) => {
      const model = new BprModel({ factors: D, epochs: 5, seed });
      model.fit({ interactions: m });
      return [...model.userFactors, ...model.itemParams.factors.data, ...model.itemParams.bias];
    };
    expect(fit(3)).toEqual(fit(3));
    expect(fit(3)).not.toEqual(fit(4));
  });
});
