import { DimensionError, matVec, row, topK, type Matrix, type TopK } from '../linalg';

/**
 * "Similar items": the nearest items to one item by cosine over L2-normalised features (pass the
 * ContentModel's itemFeatures or any normalised matrix). The item itself is never returned.
 */
export function similarItems(
  features: Matrix,
  item: number,
  k: number,
  options: { excludeMask?: Uint8Array; filter?: (i: number) => boolean; scratch?: Float32Array } = {},
): TopK {
  if (item < 0 || item >= features.rows)
    throw new RangeError(`item ${item} outside the ${features.rows}-item catalog`);
  const scores = options.scratch ?? new Float32Array(features.rows);
  if (scores.length !== features.rows)
    throw new DimensionError('scratch length', features.rows, scores.length);
  matVec(features, row(features, item).slice(), scores);
  scores[item] = -Infinity;
  return topK(scores, k, options.excludeMask, options.filter);
}
