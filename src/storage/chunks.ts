import { PARAMETER_CHUNK_ROWS } from './schema';

export interface RowChunk {
  chunk: number;
  rowStart: number;
  rows: number;
  data: Float32Array<ArrayBuffer>;
}

/**
 * Splits a row-major matrix into chunks of `chunkRows` rows. Each chunk is a slice() (its own small
 * buffer): a subarray() would structured-clone the whole underlying buffer into every record (PERF-FACTS §2.7).
 */
export function splitRows(
  data: Float32Array,
  rows: number,
  cols: number,
  chunkRows = PARAMETER_CHUNK_ROWS,
): RowChunk[] {
  if (data.length !== rows * cols)
    throw new RangeError(`matrix has ${data.length} values, expected ${rows}x${cols}`);
  const out: RowChunk[] = [];
  for (let start = 0, chunk = 0; start < rows; start += chunkRows, chunk++) {
    const n = Math.min(chunkRows, rows - start);
    out.push({ chunk, rowStart: start, rows: n, data: data.slice(start * cols, (start + n) * cols) });
  }
  return out;
}

/** Reassembles chunks (any order) into one matrix; returns undefined if rows are missing or overlap. */
export function joinRows(
  chunks: RowChunk[],
  rows: number,
  cols: number,
): Float32Array<ArrayBuffer> | undefined {
  const out = new Float32Array(rows * cols);
  let covered = 0;
  for (const c of [...chunks].sort((a, b) => a.rowStart - b.rowStart)) {
    if (c.rowStart !== covered || c.data.length !== c.rows * cols) return undefined;
    out.set(c.data, c.rowStart * cols);
    covered += c.rows;
  }
  return covered === rows ? out : undefined;
}
