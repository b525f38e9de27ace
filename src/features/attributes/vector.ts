import type { ExtractorInfo, ImageAttributes } from '../contract';
import { COLOR_HISTOGRAM_LENGTH, histogramIntersection } from './histogram';
import { ORIENTATION_BINS, SHAPE_LENGTH } from './shape';
import { LBP_BINS, TEXTURE_LENGTH } from './texture';

/**
 * attributeVector layout (ATTRIBUTE_VECTOR_LENGTH = 80): [colour 52 | texture 14 | shape 14].
 * Histogram parts are square-rooted (Hellinger), so the cosine of two blocks is their Bhattacharyya
 * coefficient. Each block is L2-normalised then scaled by sqrt(weight), so the cosine of two vectors is
 * sum(weight_b * cos_b): colour 0.5, texture 0.25, shape 0.25. The whole vector is L2-normalised.
 */
export const ATTRIBUTE_VECTOR_LENGTH = COLOR_HISTOGRAM_LENGTH + TEXTURE_LENGTH + SHAPE_LENGTH;
export const ATTRIBUTE_BLOCK_WEIGHTS = { color: 0.5, texture: 0.25, shape: 0.25 } as const;

/** Bump `version` whenever any number computeAttributes or attributeVector produces changes. */
export const ATTRIBUTES_EXTRACTOR: ExtractorInfo = {
  id: 'glimpse-attributes',
  version: 2,
  dims: ATTRIBUTE_VECTOR_LENGTH,
};

function writeBlock(out: Float32Array, offset: number, values: Float32Array, sqrtUpTo: number, weight: number): void {
  let norm = 0;
  for (let i = 0; i < values.length; i++) {
    const v = i < sqrtUpTo ? Math.sqrt(Math.max(0, values[i])) : values[i];
    out[offset + i] = v;
    norm += v * v;
  }
  if (norm === 0) return; // an all-zero block (e.g. no edges) contributes nothing rather than NaN
  const scale = Math.sqrt(weight) / Math.sqrt(norm);
  for (let i = 0; i < values.length; i++) out[offset + i] *= scale;
}

export function attributeVector(attrs: ImageAttributes): Float32Array {
  const out = new Float32Array(ATTRIBUTE_VECTOR_LENGTH);
  writeBlock(out, 0, attrs.colorHistogram, COLOR_HISTOGRAM_LENGTH, ATTRIBUTE_BLOCK_WEIGHTS.color);
  writeBlock(out, COLOR_HISTOGRAM_LENGTH, attrs.texture, LBP_BINS, ATTRIBUTE_BLOCK_WEIGHTS.texture);
  writeBlock(out, COLOR_HISTOGRAM_LENGTH + TEXTURE_LENGTH, attrs.shape, ORIENTATION_BINS, ATTRIBUTE_BLOCK_WEIGHTS.shape);
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i] * out[i];
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < out.length; i++) out[i] *= inv;
  }
  return out;
}

/** Colour similarity in [0, 1]: histogram intersection of the foreground colour histograms. */
export function colorSimilarity(a: ImageAttributes, b: ImageAttributes): number {
  return histogramIntersection(a.colorHistogram, b.colorHistogram);
}
