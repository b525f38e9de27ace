import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../core/catalog/schema';
import { rankForYou, rankSimilar, type IndexedItem } from './visual-ranking';

const unit = (...xs: number[]) => {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs.map((x) => x / n));
};
const item = (id: string, extra: Partial<CatalogItem> = {}): CatalogItem => ({
  id, title: id.toUpperCase(), category: 'Top', image: `https://shop.test/${id}.png`, price: 1, currency: 'USD', tags: [], inStock: true, ...extra,
});
// Two visual groups: red (r*) near axis x, blue (b*) near axis y.
const items: IndexedItem[] = [
  { item: item('b1'), vector: unit(0.1, 1), colour: 'blue' },
  { item: item('r1'), vector: unit(1, 0.1), colour: 'red' },
  { item: item('b2'), vector: unit(0.2, 1), colour: 'blue' },
  { item: item('r2'), vector: unit(1, 0.2), colour: 'red' },
  { item: item('r3', { inStock: false }), vector: unit(1, 0.15), colour: 'red' },
  { item: item('r4'), vector: unit(1, 0.3), colour: 'red' },
];

describe('rankForYou', () => {
  it('cold start keeps catalog order, in stock only', () => {
    expect(rankForYou(items, [], 10).map((r) => r.item.id)).toEqual(['b1', 'r1', 'b2', 'r2', 'r4']);
    expect(rankForYou(items, [], 10)[0].explanation).toEqual({ kind: 'popular' });
  });

  it('after buying red items, the other red items rank first, bought ones are hidden, explanation names them', () => {
    const recs = rankForYou(items, [{ kind: 'purchase', itemId: 'r1', at: 1 }, { kind: 'purchase', itemId: 'r2', at: 2 }], 3);
    expect(recs.map((r) => r.item.id)).toEqual(['r4', 'b2', 'b1']);
    expect(recs[0].explanation).toMatchObject({ kind: 'because-you', action: 'purchase', color: 'red' });
    expect(recs.map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  it('a dismiss pushes its look down', () => {
    const recs = rankForYou(items, [{ kind: 'like', itemId: 'r1', at: 1 }, { kind: 'dismiss', itemId: 'b1', at: 2 }], 10);
    expect(recs.map((r) => r.item.id)).not.toContain('b1');
    expect(recs[recs.length - 1].item.id).toBe('b2');
  });

  it('ignores events for unknown items', () => {
    expect(rankForYou(items, [{ kind: 'like', itemId: 'gone', at: 1 }], 2).map((r) => r.item.id)).toEqual(['b1', 'r1']);
  });
});

describe('rankSimilar', () => {
  it('ranks the same look first, excludes the anchor, null for an unknown id', () => {
    expect(rankSimilar(items, 'b1', 2)!.map((r) => r.item.id)).toEqual(['b2', 'r4']);
    expect(rankSimilar(items, 'b1', 1)![0].explanation).toMatchObject({ kind: 'similar-to', itemId: 'b1' });
    expect(rankSimilar(items, 'nope', 2)).toBeNull();
  });
});
