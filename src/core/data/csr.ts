import type { Triples } from './triples';

/**
 * Compressed sparse rows (users x items). Column indices are sorted within each row so membership is a
 * binary search; duplicate (user, item) pairs are merged by summing their values.
 */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export function csrFromTriples(t: Triples, rows: number, cols: number): CsrMatrix {
  const n = t.users.length;
  for (let p = 0; p < n; p++) {
    const u = t.users[p],
      i = t.items[p];
    if (u < 0 || u >= rows || i < 0 || i >= cols)
      throw new RangeError(`csrFromTriples: (${u}, ${i}) outside ${rows} x ${cols}`);
  }
  const order = Array.from({ length: n }, (_, p) => p).sort(
    (a, b) => t.users[a] - t.users[b] || t.items[a] - t.items[b],
  );
  const indptr = new Int32Array(rows + 1);
  const idx: number[] = [];
  const val: number[] = [];
  let lastU = -1,
    lastI = -1;
  for (const p of order) {
    const u = t.users[p],
      i = t.items[p];
    if (u === lastU && i === lastI) {
      val[val.length - 1] += t.values[p];
      continue;
    }
    idx.push(i);
    val.push(t.values[p]);
    indptr[u + 1]++;
    lastU = u;
    lastI = i;
  }
  for (let r = 0; r < rows; r++) indptr[r + 1] += indptr[r];
  return { rows, cols, indptr, indices: Int32Array.from(idx), values: Float32Array.from(val) };
}

export function rowItems(m: CsrMatrix, r: number): Int32Array {
  return m.indices.subarray(m.indptr[r], m.indptr[r + 1]);
}

export function rowValues(m: CsrMatrix, r: number): Float32Array {
  return m.values.subarray(m.indptr[r], m.indptr[r + 1]);
}

export function rowLength(m: CsrMatrix, r: number): number {
  return m.indptr[r + 1] - m.indptr[r];
}

/** True when (r, c) is stored (binary search in the sorted row). */
export function hasEntry(m: CsrMatrix, r: number, c: number): boolean {
  let lo = m.indptr[r],
    hi = m.indptr[r + 1] - 1;
  const ix = m.indices;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ix[mid];
    if (v === c) return true;
    if (v < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Number of stored entries per column (item popularity). */
export function columnCounts(m: CsrMatrix): Float32Array {
  const c = new Float32Array(m.cols);
  for (let k = 0; k < m.indices.length; k++) c[m.indices[k]]++;
  return c;
}

/** Fills `mask` with 1 at the items of row r (for excluding training items when ranking). */
export function markRow(m: CsrMatrix, r: number, mask: Uint8Array, value = 1): void {
  for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) mask[m.indices[k]] = value;
}
