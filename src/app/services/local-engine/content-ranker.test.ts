import { describe, expect, it } from 'vitest';
import type { Interaction } from '../../../core/data/interactions';
import { complementaryCategories, createContentIndex, nearest, personalState, rankForYou, typicality, type ContentItem } from './content-ranker';

const unit = (...v: number[]) => {
  const n = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / n);
};
// Two looks: "red" vectors near (1,0,0), "blue" near (0,1,0); categories alternate; sources pair Hat with Dress.
const item = (id: string, color: 'red' | 'blue', category: string, jitter: number, source?: string): ContentItem => ({
  id,
  category,
  inStock: true,
  source,
  vector: color === 'red' ? unit(1, jitter, 0.1) : unit(jitter, 1, 0.1),
  colors: [{ name: color, hex: color === 'red' ? '#c8102e' : '#1f5fbf', weight: 0.9 }],
});
const items: ContentItem[] = [];
for (let k = 0; k < 6; k++) {
  items.push(item(`r${k}`, 'red', k % 2 ? 'Hat' : 'Dress', k * 0.05, `s${k >> 1}`));
  items.push(item(`b${k}`, 'blue', k % 2 ? 'Hat' : 'Dress', k * 0.05, `s${k >> 1}`));
}
items.push({ ...item('shoe', 'blue', 'Shoes', 0.3, 's9'), inStock: true });
const index = createContentIndex(items);
const typical = typicality(index);
const like = (itemId: string, at = 1000): Interaction => ({ kind: 'like', itemId, at });

describe('content ranker', () => {
  it('cold start interleaves categories and explains with popularity in the category', () => {
    const recs = rankForYou(index, personalState(index, [], 2000), typical, { k: 3 });
    expect(new Set(recs.map((r) => index.items[index.byId.get(r.itemId)!].category)).size).toBe(3);
    expect(recs.every((r) => r.explanations[0].kind === 'popular-in')).toBe(true);
  });

  it('likes of red items put red items first with a colour reason, and hide the liked ones', () => {
    const state = personalState(index, [like('r0'), like('r1'), like('r2')], 2000);
    const recs = rankForYou(index, state, typical, { k: 3 });
    expect(recs.map((r) => r.itemId)).toEqual(expect.arrayContaining(['r3', 'r4', 'r5']));
    for (const r of recs) expect(r.explanations[0]).toMatchObject({ kind: 'attribute', attribute: 'color', value: 'red' });
    const blue = rankForYou(index, personalState(index, [like('b0'), like('b1'), like('b2')], 2000), typical, { k: 3 });
    expect(blue.every((r) => r.itemId.startsWith('b'))).toBe(true);
  });

  it('"not interested" hides the item and lowers the score of similar ones', () => {
    const base = [like('r0'), like('b0')];
    const before = personalState(index, base, 2000);
    const after = personalState(index, [...base, { kind: 'not-interested', itemId: 'r3', at: 1500 }], 2000);
    const rank = (s: typeof before) => rankForYou(index, s, typical, { k: 20 }).map((r) => r.itemId);
    expect(rank(after)).not.toContain('r3');
    expect(rank(after).indexOf('r4')).toBeGreaterThan(rank(before).indexOf('r4'));
  });

  it('nearest returns the query item first and respects skip', () => {
    expect(nearest(index, items[4].vector, 1)[0].i).toBe(4);
    expect(nearest(index, items[4].vector, 3, 4).map((x) => x.i)).not.toContain(4);
  });

  it('complementary categories come from shared wardrobes', () => {
    expect(complementaryCategories(index, 'Dress')).toEqual(['Hat']);
    expect(complementaryCategories(index, 'Shoes')).toEqual([]);
  });
});
