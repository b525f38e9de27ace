/** Dense vector maths over typed arrays. `offset` arguments address rows inside a flat matrix. */
export type Vec = Float32Array | Float64Array;

export function dot(a: ArrayLike<number>, b: ArrayLike<number>, n = a.length, ao = 0, bo = 0): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[ao + i] * b[bo + i];
  return s;
}

export function norm(a: ArrayLike<number>, n = a.length, ao = 0): number {
  return Math.sqrt(dot(a, a, n, ao, ao));
}

/** Cosine similarity; 0 when either vector is all zeros (never NaN). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>, n = a.length, ao = 0, bo = 0): number {
  const na = norm(a, n, ao);
  const nb = norm(b, n, bo);
  return na === 0 || nb === 0 ? 0 : dot(a, b, n, ao, bo) / (na * nb);
}

/** Scales `a[ao..ao+n)` to unit length in place; leaves zero vectors alone. Returns the old norm. */
export function normaliseInPlace(a: Vec, n = a.length, ao = 0): number {
  const l = norm(a, n, ao);
  if (l > 0) for (let i = 0; i < n; i++) a[ao + i] /= l;
  return l;
}

/** y += alpha * x (over n elements, with offsets). */
export function axpy(alpha: number, x: ArrayLike<number>, y: Vec, n = y.length, xo = 0, yo = 0): void {
  for (let i = 0; i < n; i++) y[yo + i] += alpha * x[xo + i];
}
