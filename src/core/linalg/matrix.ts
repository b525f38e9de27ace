import { DimensionError, assertFinite } from './errors';
import { normaliseInPlace } from './vector';

/** Row-major rows x cols matrix over a Float32Array: row r lives at data[r*cols .. r*cols+cols). */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

export function createMatrix(rows: number, cols: number, data?: Float32Array): Matrix {
  if (data && data.length !== rows * cols)
    throw new DimensionError('matrix data length', rows * cols, data.length);
  return { rows, cols, data: data ?? new Float32Array(rows * cols) };
}

/** A view (no copy) of row r. */
export function row(m: Matrix, r: number): Float32Array {
  return m.data.subarray(r * m.cols, (r + 1) * m.cols);
}

/** Builds a matrix from equal-length rows; throws DimensionError / NonFiniteError on bad input. */
export function fromRows(rows: ArrayLike<number>[], what = 'matrix'): Matrix {
  const cols = rows.length ? rows[0].length : 0;
  const m = createMatrix(rows.length, cols);
  rows.forEach((r, i) => {
    if (r.length !== cols) throw new DimensionError(`${what} row ${i} length`, cols, r.length);
    m.data.set(r, i * cols);
  });
  assertFinite(m.data, what);
  return m;
}

/**
 * M[r] . q + bias over one row starting at data[o]: four independent accumulators (the JIT cannot reorder
 * floating-point sums itself, and one chain is latency-bound at about a third of the speed). Every exact
 * score in core goes through this one function, so a re-score equals the full pass bit for bit.
 */
export function rowDot(data: Float32Array, o: number, q: Float32Array, d: number, bias: number): number {
  let s0 = bias,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  let c = 0;
  for (const end = d - 3; c < end; c += 4) {
    const p = o + c;
    s0 += data[p] * q[c];
    s1 += data[p + 1] * q[c + 1];
    s2 += data[p + 2] * q[c + 2];
    s3 += data[p + 3] * q[c + 3];
  }
  for (; c < d; c++) s0 += data[o + c] * q[c];
  return s0 + s1 + (s2 + s3);
}

/** out[r] = M[r] . q + (bias?.[r] ?? 0) for every row: the exact scoring kernel (memory-bound in JS). */
export function matVec(
  m: Matrix,
  q: ArrayLike<number>,
  out: Float32Array,
  bias?: Float32Array,
): Float32Array {
  if (q.length !== m.cols) throw new DimensionError('query length', m.cols, q.length);
  const { rows, cols, data } = m;
  // One monomorphic element type for the hot loop, whatever array the caller passed.
  const qf = q instanceof Float32Array ? q : Float32Array.from(q);
  if (bias) for (let r = 0, o = 0; r < rows; r++, o += cols) out[r] = rowDot(data, o, qf, cols, bias[r]);
  else for (let r = 0, o = 0; r < rows; r++, o += cols) out[r] = rowDot(data, o, qf, cols, 0);
  return out;
}

/** Copy with every row scaled to unit length (zero rows stay zero). */
export function normaliseRows(m: Matrix): Matrix {
  const out = createMatrix(m.rows, m.cols, m.data.slice());
  for (let r = 0; r < m.rows; r++) normaliseInPlace(out.data, m.cols, r * m.cols);
  return out;
}

/** Column means (length cols). */
export function columnMeans(m: Matrix): Float64Array {
  const mean = new Float64Array(m.cols);
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) mean[c] += m.data[r * m.cols + c];
  for (let c = 0; c < m.cols; c++) mean[c] /= Math.max(1, m.rows);
  return mean;
}

/** Copy with the column mean removed and rows L2-normalised: what cosine retrieval over CNN features wants. */
export function centreAndNormalise(m: Matrix): Matrix {
  const mean = columnMeans(m);
  const out = createMatrix(m.rows, m.cols, m.data.slice());
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) out.data[r * m.cols + c] -= mean[c];
  for (let r = 0; r < m.rows; r++) normaliseInPlace(out.data, m.cols, r * m.cols);
  return out;
}

/** Horizontal concatenation of equal-height matrices, each block scaled by its weight. */
export function concatColumns(blocks: { m: Matrix; weight?: number }[]): Matrix {
  if (!blocks.length) throw new DimensionError('concatColumns blocks', 1, 0);
  const rows = blocks[0].m.rows;
  const cols = blocks.reduce((s, b) => s + b.m.cols, 0);
  const out = createMatrix(rows, cols);
  let off = 0;
  for (const { m, weight = 1 } of blocks) {
    if (m.rows !== rows) throw new DimensionError('concatColumns rows', rows, m.rows);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < m.cols; c++) out.data[r * cols + off + c] = weight * m.data[r * m.cols + c];
    off += m.cols;
  }
  return out;
}

/** Transposed copy (cols x rows): the "V[D x N]" layout the TF.js wasm path prefers. */
export function transpose(m: Matrix): Matrix {
  const out = createMatrix(m.cols, m.rows);
  for (let r = 0; r < m.rows; r++)
    for (let c = 0; c < m.cols; c++) out.data[c * m.rows + r] = m.data[r * m.cols + c];
  return out;
}
