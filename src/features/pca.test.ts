import { describe, expect, it } from 'vitest';
import { createRng } from '../shared/random';
import { fitPca, projectPca } from './pca';
import { centerAndNormalize, meanVector } from './embedding-post';
import { retrievalScores, auc } from './retrieval';

describe('fitPca', () => {
  it('recovers the dominant directions of data with a known spectrum, deterministically', () => {
    const rng = createRng(7);
    const d = 20;
    const rows = Array.from({ length: 400 }, () => {
      const v = new Float32Array(d);
      v[3] = rng.normal() * 10; // strongest axis
      v[11] = rng.normal() * 5; // second
      for (let j = 0; j < d; j++) v[j]! += rng.normal() * 0.1 + 2;
      return v;
    });
    const m = fitPca(rows, 2, { seed: 1 });
    expect(Math.abs(m.components[3]!)).toBeGreaterThan(0.99);
    expect(Math.abs(m.components[d + 11]!)).toBeGreaterThan(0.99);
    expect(m.variances[0]).toBeGreaterThan(m.variances[1]!);
    expect(m.explained).toBeGreaterThan(0.95);
    expect(fitPca(rows, 2, { seed: 1 }).components).toEqual(m.components);
    const p = projectPca(m, rows[0]!);
    expect(p.length).toBe(2);
    expect(Math.abs(p[0]!)).toBeCloseTo(Math.abs(rows[0]![3]! - m.mean[3]!), 0);
  });
});

describe('post-processing and retrieval metrics', () => {
  it('centres, normalises and scores a separable toy set', () => {
    const rows = [
      [10, 1, 0],
      [10, 1.2, 0.1],
      [10, 0, 1],
      [10, 0.1, 1.1],
    ].map((r) => Float32Array.from(r));
    const mean = meanVector(rows);
    expect(mean[0]).toBeCloseTo(10);
    const normed = rows.map((r) => centerAndNormalize(r, mean));
    for (const r of normed) expect(Math.hypot(...r)).toBeCloseTo(1, 5);
    const s = retrievalScores(normed, ['a', 'a', 'b', 'b']);
    expect(s.precisionAt1).toBe(1);
    expect(s.pairAuc).toBe(1);
    const mixed = retrievalScores(normed, ['a', 'b', 'a', 'b']);
    expect(mixed.precisionAt1).toBe(0);
    expect(mixed.pairAuc).toBeLessThanOrEqual(0.5);
  });

  it('computes AUC with ties as one half', () => {
    expect(auc(Float64Array.from([1, 1]), Uint8Array.from([1, 0]))).toBe(0.5);
    expect(auc(Float64Array.from([0.1, 0.4, 0.35, 0.8]), Uint8Array.from([0, 0, 1, 1]))).toBe(0.75);
  });
});
