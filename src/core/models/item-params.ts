import { DimensionError, assertFinite, createMatrix, type Matrix } from '../linalg';

/**
 * Public item-side parameters of a factor model, shippable with the catalog: score(u, i) = p_u . q_i + b_i.
 * BPR: q_i = item factors. VBPR: q_i = [gamma_i ; E^T f_i] and b_i = beta_i + beta'.f_i (the visual
 * terms precomputed, so ranking is one mat-vec). `visual` lets new items be scored from features alone.
 * User-side vectors (p_u) are private and never part of this object.
 */
export interface ItemParams {
  model: string;
  /** Item ids in row order (optional in memory; required in a shipped file). */
  itemIds?: string[];
  /** nItems x dims. */
  factors: Matrix;
  bias: Float32Array;
  /** L2 strength the item side was trained with (recorded for provenance; fold-in has its own default). */
  regularization: number;
  visual?: VisualItemParams;
}

export interface VisualItemParams {
  /** The first latentDims columns of `factors` are gamma_i; the rest are E^T f_i. */
  latentDims: number;
  /** featureDims x visualDims projection E. */
  projection: Matrix;
  /** featureDims visual bias beta'. */
  featureBias: Float32Array;
}

export function validateItemParams(p: ItemParams): void {
  const n = p.factors.rows;
  if (p.bias.length !== n) throw new DimensionError('item bias length', n, p.bias.length);
  if (p.itemIds && p.itemIds.length !== n) throw new DimensionError('itemIds length', n, p.itemIds.length);
  assertFinite(p.factors.data, 'item factors');
  assertFinite(p.bias, 'item bias');
  if (!Number.isFinite(p.regularization) || p.regularization < 0)
    throw new RangeError(`regularization must be >= 0, got ${p.regularization}`);
  if (p.visual) {
    const v = p.visual;
    if (v.latentDims + v.projection.cols !== p.factors.cols)
      throw new DimensionError('latent + visual dims', p.factors.cols, v.latentDims + v.projection.cols);
    if (v.featureBias.length !== v.projection.rows)
      throw new DimensionError('visual bias length', v.projection.rows, v.featureBias.length);
    assertFinite(v.projection.data, 'visual projection E');
    assertFinite(v.featureBias, "visual bias beta'");
  }
}

/**
 * Item rows for items known only by their features (VBPR item cold start): q = [0 ; E^T f], b = beta'.f.
 * Returns new params covering the given feature rows.
 */
export function itemParamsFromFeatures(p: ItemParams, features: Matrix, itemIds?: string[]): ItemParams {
  const v = p.visual;
  if (!v)
    throw new Error(`${p.model} parameters have no visual part: new items cannot be scored from features`);
  if (features.cols !== v.projection.rows)
    throw new DimensionError('feature dims', v.projection.rows, features.cols);
  assertFinite(features.data, 'item features');
  const d = p.factors.cols,
    k2 = v.projection.cols,
    fd = features.cols;
  const factors = createMatrix(features.rows, d);
  const bias = new Float32Array(features.rows);
  for (let r = 0; r < features.rows; r++) {
    const fo = r * fd;
    let b = 0;
    for (let c = 0; c < fd; c++) {
      const x = features.data[fo + c];
      if (x === 0) continue;
      b += v.featureBias[c] * x;
      for (let k = 0; k < k2; k++)
        factors.data[r * d + v.latentDims + k] += x * v.projection.data[c * k2 + k];
    }
    bias[r] = b;
  }
  return { ...p, itemIds, factors, bias };
}
