import { describe, expect, it } from 'vitest';
import { createCheckerboard } from '../../testing/checkerboard';
import { createHistory } from '../data/history';
import { centreAndNormalise, fromRows, NonFiniteError } from '../linalg';
import { ContentModel, PopularityModel, UnknownUserError, type Recommender } from '../models';
import { explainItem, type ItemFacts } from './explain';
import { mmr } from './mmr';
import { rank } from './rank';
import { similarItems } from './similar';

/** A model with fixed scores, to test rank() on its own. */
function fixed(scores: number[], nUsers = 1): Recommender {
  return {
    name: 'fixed',
    nUsers,
    nItems: scores.length,
    fit: () => ({ epochs: 0, samples: 0, ms: 0, losses: [], rolledBack: [] }),
    scoreUser: (_u, out) => (out.set(scores), out),
    scoreHistory: (_h, out) => (out.set(scores.map((s) => -s)), out),
  };
}

describe('rank()', () => {
  const m = fixed([0.1, 0.9, 0.5, 0.7, 0.3]);

  it('returns top-k best first and excludes seen/purchased/cart/out-of-stock items', () => {
    expect(Array.from(rank(m, { user: 0 }, { k: 3 }).items)).toEqual([1, 3, 2]);
    const r = rank(m, { user: 0 }, { k: 3, exclude: [1], excludeMask: Uint8Array.from([0, 0, 0, 1, 0]) });
    expect(Array.from(r.items)).toEqual([2, 4, 0]);
    expect(Array.from(r.scores)).toEqual([0.5, 0.3, 0.1].map(Math.fround));
  });

  it('applies category/price predicates', () => {
    const price = [10, 99, 20, 30, 40];
    expect(Array.from(rank(m, { user: 0 }, { k: 2, filter: (i) => price[i] < 35 }).items)).toEqual([3, 2]);
  });

  it('routes unknown users: history -> fold-in, nothing -> fallback', () => {
    const pop = fixed([-5, -4, -3, -2, -1]); // fallback ranks via scoreHistory(empty), which negates here
    const viaHistory = rank(m, { user: 42, history: createHistory([0]) }, { k: 1 });
    expect(viaHistory.source).toBe('history');
    expect(viaHistory.items[0]).toBe(0); // fixed.scoreHistory negates
    const viaFallback = rank(m, { user: 42 }, { k: 2, fallback: pop });
    expect(viaFallback.source).toBe('fallback');
    expect(Array.from(viaFallback.items)).toEqual([0, 1]);
  });

  it('refuses NaN or Infinity scores with a clear error instead of ranking them', () => {
    expect(() => rank(fixed([0.1, NaN, 0.2]), { user: 0 }, { k: 2 })).toThrow(NonFiniteError);
    expect(() => rank(fixed([0.1, Infinity]), { user: 0 }, { k: 2 })).toThrow(/fixed/);
  });

  it('models throw a typed error for an unknown user index', () => {
    const pop = new PopularityModel();
    pop.fit({ interactions: createCheckerboard().train });
    expect(() => pop.scoreUser(-1, new Float32Array(pop.nItems))).toThrow(UnknownUserError);
  });

  it('diversifies with MMR: lambda 1 keeps relevance order, low lambda spreads across clusters', () => {
    const f = fromRows([
      [1, 0],
      [1, 0.01],
      [0, 1],
      [1, 0.02],
    ]);
    const scores = fixed([0.9, 0.8, 0.5, 0.7]);
    expect(
      Array.from(rank(scores, { user: 0 }, { k: 2, diversity: { lambda: 1, features: f } }).items),
    ).toEqual([0, 1]);
    expect(
      Array.from(rank(scores, { user: 0 }, { k: 2, diversity: { lambda: 0.3, features: f } }).items),
    ).toEqual([0, 2]);
    expect(() => mmr([0], [1], f, 1, 2)).toThrow(RangeError);
  });
});

describe('similar items and explanations', () => {
  const cb = createCheckerboard();
  const content = new ContentModel();
  content.fit({ interactions: cb.train, features: cb.features });

  it('similar items come from the same visual cluster and never include the item itself', () => {
    const r = similarItems(content.itemFeatures, 0, 4);
    expect(Array.from(r.indices)).not.toContain(0);
    for (const i of r.indices) expect(cb.blockOfItem[i]).toBe(cb.blockOfItem[0]);
  });

  it('explains by the liked items that contribute most, plus shared attributes', () => {
    const facts: ItemFacts[] = Array.from({ length: cb.nItems }, (_, i) => ({
      category: `cat-${cb.blockOfItem[i]}`,
      colors: [i % 2 ? 'red' : 'blue'],
      texture: [1, 0, cb.blockOfItem[i]],
    }));
    const history = createHistory([0, 1, 2, cb.itemsPerBlock], [1, 1, 1, 0.2]);
    const ex = explainItem(3, history, {
      features: content.itemFeatures,
      facts,
      itemIds: facts.map((_, i) => `item-${i}`),
    });
    const similar = ex.filter((e) => e.kind === 'similar-to');
    expect(similar.length).toBe(2);
    for (const s of similar)
      if (s.kind === 'similar-to') {
        expect(cb.blockOfItem[s.item]).toBe(0);
        expect(s.itemId).toBe(`item-${s.item}`);
      }
    expect(ex).toContainEqual(
      expect.objectContaining({ kind: 'attribute', attribute: 'category', value: 'cat-0' }),
    );
    expect(ex).toContainEqual(
      expect.objectContaining({ kind: 'attribute', attribute: 'color', value: 'red' }),
    );
    for (let k = 1; k < ex.length; k++) expect(ex[k - 1].weight).toBeGreaterThanOrEqual(ex[k].weight);
    expect(explainItem(3, createHistory([]), { facts })).toEqual([
      { kind: 'popular-in', category: 'cat-0', weight: 1 },
    ]);
  });

  it('content model profiles subtract dislikes', () => {
    const f = centreAndNormalise(cb.features);
    const out = new Float32Array(cb.nItems);
    content.scoreHistory(createHistory([0, cb.itemsPerBlock], [1, -1]), out);
    expect(out[1]).toBeGreaterThan(out[cb.itemsPerBlock + 1]);
    expect(f.rows).toBe(cb.nItems);
  });
});
