import { describe, expect, it } from 'vitest';
import { fitSpace, projectEmbedding, spaceFromMeta, spaceToMeta, spectralWeights, SPECTRAL_EXPONENT } from './embedding-space';
import { fitPca, projectPca } from './pca';

const base = { id: 'raw', version: 2, dims: 8 };
function rows(n: number): Float32Array[] {
  let s = 7;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5;
  return Array.from({ length: n }, (_, i) => Float32Array.from({ length: 8 }, (_, j) => 3 + (j === i % 3 ? 1 : 0) + rnd() * 0.1));
}

describe('embedding space', () => {
  it('centres, normalises and projects; survives the feature-file meta round trip (float16)', () => {
    const raws = rows(12);
    const space = fitSpace(base, raws, 3, SPECTRAL_EXPONENT);
    expect(space.info).toEqual({ id: `raw+centred+pca3+spectral${SPECTRAL_EXPONENT}`, version: 2, dims: 3 });
    expect([...space.weights!]).toEqual([...spectralWeights(space.pca!.variances, SPECTRAL_EXPONENT)]);
    // Without an exponent: plain PCA, no weights, the id files made before the weighting carry.
    const plain = fitSpace(base, raws, 3);
    expect(plain.info.id).toBe('raw+centred+pca3');
    expect(plain.weights).toBeUndefined();
    expect(spaceFromMeta(JSON.parse(JSON.stringify(spaceToMeta(plain)))).info).toEqual(plain.info);
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

  it('spectral weights are (variance / top variance)^exponent; a zero-variance component weighs 0', () => {
    const w = spectralWeights(Float64Array.from([4, 1, 0.25, 0]), 0.5);
    expect([...w]).toEqual([1, 0.5, 0.25, 0]);
    expect([...spectralWeights(Float64Array.from([4, 1, 0.25]), -0.5)]).toEqual([1, 2, 4]);
    expect([...spectralWeights(new Float64Array(2), 0.5)]).toEqual([0, 0]);
  });

  it('on data of known covariance, PCA weighted by exponent e leaves component variances ~ variance^(1 + 2e)', () => {
    // Independent axes with variances 16, 4, 1 (rotated by a fixed orthonormal basis), 4000 samples.
    let s = 11;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
    const sd = [4, 2, 1];
    const basis = [[0.6, 0.8, 0, 0], [-0.8, 0.6, 0, 0], [0, 0, 1, 0]];
    const data = Array.from({ length: 4000 }, () => {
      const z = sd.map((x) => x * gauss());
      return Float32Array.from({ length: 4 }, (_, j) => z.reduce((a, zi, i) => a + zi * basis[i]![j]!, 0));
    });
    const pca = fitPca(data, 3, { seed: 3 });
    const variance = (e: number) => {
      const w = spectralWeights(pca.variances, e);
      const proj = data.map((v) => projectPca(pca, v).map((x, c) => x * w[c]!));
      return [0, 1, 2].map((c) => proj.reduce((a, p) => a + p[c]! ** 2, 0) / (proj.length - 1));
    };
    // Whitening (e = -0.5): identity covariance up to the first component's scale.
    const white = variance(-0.5);
    for (const v of white) expect(v / white[0]!).toBeCloseTo(1, 6);
    // The shipped exponent: variances 16 : 4 : 1 become 16^2 : 4^2 : 1 relative to the first.
    const sharp = variance(SPECTRAL_EXPONENT);
    expect(sharp[1]! / sharp[0]!).toBeCloseTo((4 / 16) ** (1 + 2 * SPECTRAL_EXPONENT), 1);
    expect(sharp[2]! / sharp[0]!).toBeCloseTo((1 / 16) ** (1 + 2 * SPECTRAL_EXPONENT), 2);
  });

  it('refuses spectral weights without their exponent', () => {
    const meta = spaceToMeta(fitSpace(base, rows(12), 3, SPECTRAL_EXPONENT)) as { pca: Record<string, unknown> };
    expect(() => spaceFromMeta({ ...meta, pca: { ...meta.pca, exponent: undefined } })).toThrow(/without their exponent/);
    expect(spaceFromMeta(meta).exponent).toBe(SPECTRAL_EXPONENT);
  });
});
