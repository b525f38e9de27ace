import { describe, expect, it } from 'vitest';
import { createRng } from '../shared/random';
import { decodeFeatureFile, encodeFeatureFile, encodingErrorBound, FeatureFileError, matrixRow, type MatrixEncoding } from './feature-file';
import { fromFloat16Bits, toFloat16Bits } from './float16';

const extractor = { id: 'mobilenet-v2-imagenet-gap', version: 1, dims: 8 };

function randomRows(n: number, d: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * d }, () => rng.normal() * 0.3);
}

describe('float16', () => {
  it('round-trips exactly representable values and rounds others within half an ulp', () => {
    for (const v of [0, 1, -2, 0.5, 65504, -(2 ** -14), 2 ** -24]) expect(fromFloat16Bits(toFloat16Bits(v))).toBe(v);
    expect(fromFloat16Bits(toFloat16Bits(1e6))).toBe(Infinity);
    expect(Number.isNaN(fromFloat16Bits(toFloat16Bits(NaN)))).toBe(true);
    const rng = createRng(3);
    for (let i = 0; i < 2000; i++) {
      const v = rng.normal() * 10;
      expect(Math.abs(fromFloat16Bits(toFloat16Bits(v)) - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 1e-12);
    }
  });
});

describe('feature file', () => {
  it.each<MatrixEncoding>(['float32', 'float16', 'int8'])('round-trips %s within its error bound', (encoding) => {
    const n = 37;
    const emb = randomRows(n, 8, 1);
    const hist = randomRows(n, 5, 2).map(Math.abs);
    const ids = Array.from({ length: n }, (_, i) => `item-${i}`);
    const mean = Float32Array.from({ length: 8 }, (_, i) => i / 10);
    const bytes = encodeFeatureFile({
      extractor,
      ids,
      matrices: { embedding: { dims: 8, data: emb, encoding }, colorHistogram: { dims: 5, data: hist, encoding: 'float16' } },
      mean,
      items: ids.map((id, i) => ({ label: i % 2 ? 'shirt' : 'shoes', id })),
      meta: { source: 'test' },
    });
    const back = decodeFeatureFile(bytes);
    expect(back.ids).toEqual(ids);
    expect(back.extractor).toEqual(extractor);
    expect(back.mean).toEqual(mean);
    expect(back.items![3]).toEqual({ label: 'shirt', id: 'item-3' });
    expect(back.meta).toEqual({ source: 'test' });
    for (let r = 0; r < n; r++) {
      const row = matrixRow(back.matrices.embedding!, r);
      const orig = emb.subarray(r * 8, r * 8 + 8);
      const bound = encodingErrorBound(encoding, Math.max(...orig.map(Math.abs)));
      for (let j = 0; j < 8; j++) expect(Math.abs(row[j]! - orig[j]!)).toBeLessThanOrEqual(bound + 1e-7);
    }
    const size = { float32: 4, float16: 2, int8: 1 }[encoding];
    expect(bytes.length).toBeLessThan(4096 + n * 8 * size + n * 4 + n * 5 * 2);
  });

  it('rejects bad files with clear errors', () => {
    const good = encodeFeatureFile({ extractor, ids: ['a'], matrices: { embedding: { dims: 2, data: new Float32Array(2), encoding: 'int8' } } });
    expect(() => decodeFeatureFile(new Uint8Array(4))).toThrow(FeatureFileError);
    expect(() => decodeFeatureFile(new TextEncoder().encode('PK\u0003\u0004 not ours at all'))).toThrow(/magic/);
    expect(() => decodeFeatureFile(good.slice(0, good.length - 3))).toThrow(/truncated/);
    expect(() =>
      encodeFeatureFile({ extractor, ids: ['a', 'a'], matrices: {} }),
    ).toThrow(/unique/);
    expect(() =>
      encodeFeatureFile({ extractor, ids: ['a'], matrices: { e: { dims: 3, data: new Float32Array(2), encoding: 'float16' } } }),
    ).toThrow(/expected 1 x 3/);
  });
});
