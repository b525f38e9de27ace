import { describe, expect, it } from 'vitest';
import { fitSpace, projectEmbedding, spaceFromMeta, spaceToMeta } from './embedding-space';

const base = { id: 'raw', version: 2, dims: 8 };
function rows(n: number): Float32Array[] {
  let s = 7;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5;
  return Array.from({ length: n }, (_, i) => Float32Array.from({ length: 8 }, (_, j) => 3 + (j === i % 3 ? 1 : 0) + rnd() * 0.1));
}

describe('embedding space', () => {
  it('centres, normalises and projects; survives the feature-file meta round trip (float16)', () => {
    const raws = rows(12);
    const space = fitSpace(base, raws, 3);
    expect(space.info).toEqual({ id: 'raw+centred+pca3', version: 2, dims: 3 });
    const v = projectEmbedding(space, raws[0]!);
    expect(v).toHaveLength(3);
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    const back = spaceFromMeta(JSON.parse(JSON.stringify(spaceToMeta(space))));
    expect(back.info).toEqual(space.info);
    const w = projectEmbedding(back, raws[0]!);
    for (let i = 0; i < 3; i++) expect(w[i]).toBeCloseTo(v[i]!, 2);
    // Same-group items end up closer than other-group ones (centring removed the shared offset).
    const a = projectEmbedding(space, raws[3]!), b = projectEmbedding(space, raws[1]!);
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, xi, i) => s + xi * y[i]!, 0);
    expect(dot(v, a)).toBeGreaterThan(dot(v, b));
  });

  it('without enough rows there is no PCA; a wrong-size vector or meta is a clear error', () => {
    const space = fitSpace(base, rows(4), 64);
    expect(space.pca).toBeUndefined();
    expect(space.info.dims).toBe(8);
    expect(() => projectEmbedding(space, new Float32Array(3))).toThrow(/8/);
    expect(() => spaceFromMeta({})).toThrow(/no embedding space/);
  });
});
