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

/** The chunks in row order if together they hold exactly rows x cols; undefined if rows are missing or overlap. */
export function orderRows<C extends RowChunk>(chunks: readonly C[], rows: number, cols: number): C[] | undefined {
  const ordered = [...chunks].sort((a, b) => a.rowStart - b.rowStart);
  let covered = 0;
  for (const c of ordered) {
    if (c.rowStart !== covered || c.data.length !== c.rows * cols) return undefined;
    covered += c.rows;
  }
  return covered === rows ? ordered : undefined;
}

/**
 * One matrix from chunks that orderRows accepted. A lone chunk is returned as is (it owns its buffer); more are
 * copied into a new one, whose first touch is most of the cost for a large table (PERF-FACTS: page faults).
 */
export function joinRows(ordered: readonly RowChunk[], rows: number, cols: number): Float32Array<ArrayBuffer> {
  if (ordered.length === 1) return ordered[0]!.data;
  const out = new Float32Array(rows * cols);
  for (const c of ordered) out.set(c.data, c.rowStart * cols);
  return out;
}
