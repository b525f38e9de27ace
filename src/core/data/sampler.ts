import type { Rng } from '../../shared/random';
import { hasEntry, type CsrMatrix } from './csr';

/**
 * BPR triple sampler (Rendle et al. 2009): a uniformly drawn observed (u, i) pair and an item j the user
 * has not interacted with, by rejection. Seeded through the Rng, so the sample stream is reproducible.
 */
export function sampleBprTriples(
  m: CsrMatrix,
  count: number,
  rng: Rng,
  out: { u: Int32Array; i: Int32Array; j: Int32Array },
): number {
  const nnz = m.indices.length;
  const rowOf = rowIndexOfEntries(m);
  let n = 0;
  for (; n < count; n++) {
    const p = rng.int(nnz);
    const u = rowOf[p];
    if (m.indptr[u + 1] - m.indptr[u] >= m.cols) break; // user has every item: no negative exists
    let j = rng.int(m.cols);
    while (hasEntry(m, u, j)) j = rng.int(m.cols);
    out.u[n] = u;
    out.i[n] = m.indices[p];
    out.j[n] = j;
  }
  return n;
}

/** For every stored entry, the row it belongs to (lets samplers draw pairs uniformly). */
export function rowIndexOfEntries(m: CsrMatrix): Int32Array {
  const rowOf = new Int32Array(m.indices.length);
  for (let r = 0; r < m.rows; r++) rowOf.fill(r, m.indptr[r], m.indptr[r + 1]);
  return rowOf;
}
