import { describe, expect, it } from 'vitest';
import { createRng } from '../../shared/random';
import {
  assertFinite,
  centreAndNormalise,
  cosine,
  createMatrix,
  dot,
  fromRows,
  invertSpdInPlace,
  matVec,
  NonFiniteError,
  DimensionError,
  normaliseInPlace,
  solveSpd,
  kthLargest,
  topK,
  topKBySort,
  transpose,
} from './index';

describe('vector maths', () => {
  it('dot, cosine and normalise agree with hand values', () => {
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([1, 1], [2, 2])).toBeCloseTo(1, 6);
    expect(cosine([0, 0], [1, 2])).toBe(0); // never NaN
    const v = Float32Array.from([3, 4]);
    expect(normaliseInPlace(v)).toBe(5);
    expect(Array.from(v)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
  });

  it('matVec adds the bias and checks dimensions', () => {
    const m = fromRows([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(Array.from(matVec(m, [1, -1], new Float32Array(3), Float32Array.from([0, 1, 2])))).toEqual([
      -1, 0, 1,
    ]);
    expect(() => matVec(m, [1, 2, 3], new Float32Array(3))).toThrow(DimensionError);
    expect(Array.from(transpose(m).data)).toEqual([1, 3, 5, 2, 4, 6]);
  });

  it('rejects NaN and ragged rows with typed errors', () => {
    expect(() => fromRows([[1, NaN]])).toThrow(NonFiniteError);
    expect(() => fromRows([[1, 2], [3]])).toThrow(DimensionError);
    expect(() => assertFinite([1, Infinity], 'x')).toThrow(/index 1/);
  });

  it('centreAndNormalise removes the mean and gives unit rows', () => {
    const m = centreAndNormalise(
      fromRows([
        [1, 1],
        [3, 1],
        [2, 4],
      ]),
    );
    for (let r = 0; r < 3; r++) expect(Math.hypot(m.data[2 * r], m.data[2 * r + 1])).toBeCloseTo(1, 5);
  });
});

describe('topK', () => {
  it('matches sort-everything on random scores with exclusions and a filter', () => {
    const rng = createRng(9);
    const scores = Float32Array.from({ length: 5000 }, () => rng.next());
    const mask = Uint8Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? 1 : 0));
    const a = topK(scores, 25, mask);
    const b = topKBySort(scores, 25, mask);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    const even = topK(scores, 10, undefined, (i) => i % 2 === 0);
    expect(Array.from(even.indices).every((i) => i % 2 === 0)).toBe(true);
    expect(Array.from(even.indices)).toEqual(
      Array.from(
        topKBySort(
          scores.map((s, i) => (i % 2 ? -Infinity : s)),
          10,
        ).indices,
      ),
    );
  });

  it('orders many tied scores by index like sort-everything, for small and large k', () => {
    const rng = createRng(4);
    const scores = Float32Array.from({ length: 3000 }, () => Math.floor(rng.next() * 12) / 4); // 12 values
    for (const k of [1, 20, 256, 700, 3000]) {
      const a = topK(scores, k);
      const b = topKBySort(scores, k);
      expect(Array.from(a.indices), `k ${k}`).toEqual(Array.from(b.indices));
      expect(Array.from(a.scores)).toEqual(Array.from(b.scores));
    }
  });

  it('breaks ties by index, skips -Infinity and NaN, and handles k > n', () => {
    const r = topK([1, 3, 3, -Infinity, NaN, 2], 10);
    expect(Array.from(r.indices)).toEqual([1, 2, 5, 0]);
    expect(topK([1, 2], 0).indices.length).toBe(0);
  });
});

describe('kthLargest', () => {
  it('equals the k-th value of a descending sort, with duplicates and negatives, for every k', () => {
    const rng = createRng(7);
    for (const n of [1, 2, 5, 64, 257]) {
      const values = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0.5 : Math.round(rng.next() * 40 - 20) / 4 + 0)); // + 0: no -0, which Object.is tells from 0;
      const sorted = [...values].sort((a, b) => b - a);
      for (let k = 1; k <= n; k++) expect(kthLargest(values.slice(), k), `n ${n} k ${k}`).toBe(sorted[k - 1]);
    }
  });

  it('rejects k outside 1..n', () => {
    expect(() => kthLargest(new Float64Array(3), 0)).toThrow(RangeError);
    expect(() => kthLargest(new Float64Array(3), 4)).toThrow(RangeError);
  });
});

describe('solvers', () => {
  it('invertSpdInPlace returns the inverse of an SPD matrix', () => {
    const rng = createRng(2);
    const n = 12;
    const x = createMatrix(
      20,
      n,
      Float32Array.from({ length: 20 * n }, () => rng.normal()),
    );
    const g = new Float64Array(n * n);
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++)
        for (let r = 0; r < 20; r++) g[a * n + b] += x.data[r * n + a] * x.data[r * n + b];
    for (let a = 0; a < n; a++) g[a * n + a] += 1;
    const inv = invertSpdInPlace(g.slice(), n);
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += g[a * n + k] * inv[k * n + b];
        expect(s).toBeCloseTo(a === b ? 1 : 0, 8);
      }
    expect(() => invertSpdInPlace(Float64Array.from([0, 0, 0, 0]), 2)).toThrow(/positive definite/);
  });

  it('solveSpd solves a small system', () => {
    const x = solveSpd(Float64Array.from([4, 1, 1, 3]), Float64Array.from([1, 2]), 2);
    expect(x[0]).toBeCloseTo(1 / 11, 10);
    expect(x[1]).toBeCloseTo(7 / 11, 10);
  });
});

describe('randomProjection', () => {
  it('is seeded and roughly preserves cosine similarity', async () => {
    const { randomProjection } = await import('./projection');
    const rng = createRng(3);
    const m = createMatrix(2, 400, Float32Array.from({ length: 800 }, () => rng.normal()));
    for (let c = 0; c < 400; c++) m.data[400 + c] = m.data[c] + 0.5 * m.data[400 + c]; // correlated rows
    const p = randomProjection(m, 128, 7);
    expect(Array.from(randomProjection(m, 128, 7).data)).toEqual(Array.from(p.data));
    const before = cosine(m.data, m.data, 400, 0, 400);
    const after = cosine(p.data, p.data, 128, 0, 128);
    expect(Math.abs(before - after)).toBeLessThan(0.15);
  });
});
