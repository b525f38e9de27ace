import { describe, expect, it } from 'vitest';
import { createRng } from '../../shared/random';
import { csrFromTriples } from '../data/csr';
import { createTriples } from '../data/triples';
import { createPairSampler } from './pair-sampler';

// 3 users x 6 items; items 4 and 5 have no positive (cold).
const m = csrFromTriples(createTriples([0, 0, 1, 2, 2], [0, 1, 2, 3, 0]), 3, 6);

describe('createPairSampler', () => {
  it('draws stored pairs and negatives the user has not interacted with', () => {
    const s = createPairSampler(m, createRng(1));
    for (let k = 0; k < 500; k++) {
      const p = s.positive();
      const u = s.userOf[p],
        i = s.itemOf[p];
      expect(m.indices.slice(m.indptr[u], m.indptr[u + 1])).toContain(i);
      const j = s.negative(u);
      expect(m.indices.slice(m.indptr[u], m.indptr[u + 1])).not.toContain(j);
    }
  });

  it('restricted to a negative list, never draws outside it, and gives -1 when none is left', () => {
    const s = createPairSampler(m, createRng(2), Int32Array.from([0, 1, 2, 3]));
    const drawn = new Set<number>();
    for (let k = 0; k < 500; k++) drawn.add(s.negative(1));
    expect([...drawn].sort()).toEqual([0, 1, 3]);
    expect(createPairSampler(m, createRng(3), Int32Array.from([0, 1])).negative(0)).toBe(-1);
  });
});
