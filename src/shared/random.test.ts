import { describe, expect, it } from 'vitest';
import { createRng, shuffle } from './random';

describe('createRng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = createRng(7), b = createRng(7), c = createRng(8);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });
  it('int stays in range and covers it', () => {
    const r = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const v = r.int(10);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(10);
      seen.add(v);
    }
    expect(seen.size).toBe(10);
  });
  it('shuffle permutes', () => {
    const xs = shuffle([1, 2, 3, 4, 5, 6, 7, 8], createRng(3));
    expect([...xs].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(xs).not.toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
