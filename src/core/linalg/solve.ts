import { DimensionError } from './errors';

/**
 * In-place inverse of a symmetric positive-definite n x n matrix (row-major Float64Array) by
 * Gauss-Jordan elimination without pivoting (safe for SPD). n^3 flops; ~2 GFLOP/s in JS, so 2000 items
 * take a few seconds. Throws if a pivot is not positive (matrix not SPD, e.g. missing regularisation).
 */
export function invertSpdInPlace(a: Float64Array, n: number): Float64Array {
  if (a.length !== n * n) throw new DimensionError('matrix size', n * n, a.length);
  const rowK = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const pivot = a[k * n + k];
    if (!(pivot > 0))
      throw new Error(`invertSpdInPlace: pivot ${k} is ${pivot}; matrix is not positive definite`);
    const inv = 1 / pivot;
    // Scale row k; column k of the result becomes -a[i][k] / pivot (standard in-place Gauss-Jordan).
    for (let j = 0; j < n; j++) rowK[j] = a[k * n + j] * inv;
    rowK[k] = inv;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const o = i * n;
      const f = a[o + k];
      if (f === 0) continue;
      for (let j = 0; j < n; j++) a[o + j] -= f * rowK[j];
      a[o + k] = -f * inv;
    }
    a.set(rowK, k * n);
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
