import { describe, expect, it } from 'vitest';
import { createTriples, IdIndex } from '../../../src/core/data';
import type { Clothing } from './clothing';
import { extractionOrder, restrictClothing, stratifiedSubset } from './clothing-features';

// 4 contributors with 5, 8, 40 and 200 items.
function fakeClothing(): Clothing {
  const sizes = [5, 8, 40, 200];
  const cOf = sizes.flatMap((n, u) => Array.from({ length: n }, () => u));
  const contributorOf = Int32Array.from(cOf);
  return {
    items: new IdIndex(cOf.map((_, i) => `p${i}`)),
    contributors: new IdIndex(sizes.map((_, u) => `c${u}`)),
    labels: cOf.map((_, i) => (i % 2 ? 'Shoes' : 'Pants')),
    contributorOf,
    wardrobes: createTriples(contributorOf, Int32Array.from(cOf, (_, i) => i)),
  };
}

describe('contributor-stratified clothing subset', () => {
  it('keeps every contributor with at least 5 items, shrinks big wardrobes most, and hits the target', () => {
    const c = fakeClothing();
    const sub = stratifiedSubset(c, 80, 1);
    const per = [0, 0, 0, 0];
    for (const i of sub) per[c.contributorOf[i]]++;
    expect(per[0]).toBe(5);
    expect(per[1]).toBe(5);
    expect(per[3]).toBeGreaterThan(per[2]);
    expect(per[3] / 200).toBeLessThan(per[2] / 40 + 0.05);
    expect(Math.abs(sub.length - 80)).toBeLessThanOrEqual(3);
    expect(stratifiedSubset(c, 80, 1)).toEqual(sub); // seeded
  });

  it('orders extraction subset-first and restricts the wardrobes to the kept items', () => {
    const c = fakeClothing();
    const order = extractionOrder(c);
    const sub = stratifiedSubset(c);
    expect(new Set(order).size).toBe(c.items.size);
    expect(order.slice(0, sub.length).sort((a, b) => a - b)).toEqual(sub);
    const r = restrictClothing(c, [0, 6, 60]);
    expect(r.items.ids).toEqual(['p0', 'p6', 'p60']);
    expect([...r.contributorOf]).toEqual([0, 1, 3]);
    expect([...r.wardrobes.items]).toEqual([0, 1, 2]);
  });
});
