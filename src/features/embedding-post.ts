/**
 * Catalog-level post-processing of raw CNN embeddings (pure): ImageNet features share a large common
 * component; subtracting the catalog mean and L2-normalising makes cosine similarity about what
 * differs between products.
 */

/** Mean of equal-length rows (float64 accumulation). */
export function meanVector(rows: readonly Float32Array[]): Float32Array {
  if (rows.length === 0) throw new Error('meanVector: no rows');
  const d = rows[0]!.length;
  const acc = new Float64Array(d);
  for (const r of rows) {
    if (r.length !== d) throw new Error(`meanVector: row of length ${r.length}, expected ${d}`);
    for (let j = 0; j < d; j++) acc[j]! += r[j]!;
  }
  const out = new Float32Array(d);
  for (let j = 0; j < d; j++) out[j] = acc[j]! / rows.length;
  return out;
}

/** In a new array: v - mean, scaled to unit length (a zero vector stays zero). */
export function centerAndNormalize(v: Float32Array, mean: Float32Array | null): Float32Array {
  const out = new Float32Array(v.length);
  let ss = 0;
  for (let j = 0; j < v.length; j++) {
    const x = v[j]! - (mean ? mean[j]! : 0);
    out[j] = x;
    ss += x * x;
  }
  const n = Math.sqrt(ss);
  if (n > 0) for (let j = 0; j < out.length; j++) out[j]! /= n;
  return out;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return s;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  const d = Math.sqrt(dot(a, a) * dot(b, b));
  return d === 0 ? 0 : dot(a, b) / d;
}
