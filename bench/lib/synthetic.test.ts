import { describe, expect, it } from 'vitest';
import { rank } from '../../src/core/rank';
import { paramsRecommender, syntheticInteractions, syntheticItemParams, syntheticVector } from './synthetic';

describe('bench synthetic data', () => {
  it('is seeded: the same seed gives the same table, another seed a different one', () => {
    expect(syntheticItemParams(50, 8, 1).factors.data).toEqual(syntheticItemParams(50, 8, 1).factors.data);
    expect(syntheticItemParams(50, 8, 1).factors.data).not.toEqual(syntheticItemParams(50, 8, 2).factors.data);
  });
  it('builds interaction logs of the requested shape without duplicates per row', () => {
    const m = syntheticInteractions(10, 200, 5);
    expect(m.rows).toBe(10);
    expect(m.cols).toBe(200);
    for (let u = 0; u < 10; u++) {
      const row = Array.from(m.indices.subarray(m.indptr[u], m.indptr[u + 1]));
      expect(new Set(row).size).toBe(row.length);
      expect(row.length).toBeGreaterThan(0);
    }
  });
  it('ranks with the params recommender exactly as a brute-force dot product would', () => {
    const p = syntheticItemParams(300, 8);
    const u = syntheticVector(8);
    const brute = Array.from({ length: 300 }, (_, i) => {
      let s = p.bias[i];
      for (let c = 0; c < 8; c++) s += p.factors.data[i * 8 + c] * u[c];
      return [i, s] as const;
    }).sort((a, b) => b[1] - a[1]);
    expect(Array.from(rank(paramsRecommender(p, u), { user: 0 }, { k: 5 }).items)).toEqual(brute.slice(0, 5).map((x) => x[0]));
  });
});
