import { DimensionError } from './errors';

/**
 * In-place inverse of a symmetric positive-definite n x n matrix (row-major Float64Array) with the
 * symmetric sweep operator (Goodnight 1979): only the upper triangle is updated, n^3 / 2 multiply-adds,
 * row-contiguous inner loops. ~1-2 GFLOP/s in JS, so 2000 items take a few seconds. Throws if a pivot is
 * not positive (matrix not SPD, e.g. missing regularisation). The full matrix is written back.
 */
export function invertSpdInPlace(a: Float64Array, n: number): Float64Array {
  if (a.length !== n * n) throw new DimensionError('matrix size', n * n, a.length);
  const v = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const pivot = a[k * n + k];
    if (!(pivot > 0)) throw new Error(`invertSpdInPlace: pivot ${k} is ${pivot}; matrix is not positive definite`);
    const inv = 1 / pivot;
    for (let i = 0; i < k; i++) v[i] = a[i * n + k];
    for (let j = k + 1; j < n; j++) v[j] = a[k * n + j];
    v[k] = 0; // so the inner loop leaves row/column k alone
    for (let i = 0; i < n; i++) {
      const vi = v[i] * inv;
      if (vi === 0) continue;
      const o = i * n;
      for (let j = i; j < n; j++) a[o + j] -= vi * v[j];
    }
    for (let i = 0; i < k; i++) a[i * n + k] = v[i] * inv;
    for (let j = k + 1; j < n; j++) a[k * n + j] = v[j] * inv;
    a[k * n + k] = -inv;
  }
  // The sweep leaves -A^-1 in the upper triangle: negate and mirror.
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      const x = -a[i * n + j];
      a[i * n + j] = x;
      a[j * n + i] = x;
    }
  return a;
}

/** Solves (A) x = b for a small SPD A (d x d) by Cholesky; A and b are not modified. */
export function solveSpd(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j];
      for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(s > 0)) throw new Error('solveSpd: matrix is not positive definite');
        l[i * d + i] = Math.sqrt(s);
      } else l[i * d + j] = s / l[j * d + j];
    }
  }
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * d + k] * y[k];
    y[i] = s / l[i * d + i];
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < d; k++) s -= l[k * d + i] * x[k];
    x[i] = s / l[i * d + i];
  }
  return x;
}
