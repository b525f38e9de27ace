import { afterEach, describe, expect, it } from 'vitest';
import { createFakeIndexedDB } from '../testing/fake-browser-storage';
import { createFakeEngine, createTestService, demoCatalog, embeddingFor } from '../testing/glimpse-fixtures';
import type { ItemView, RecommenderPort } from './ports';
import type { GlimpseService } from './service';
import { calibrate, createExplainedRecommender, describeExplanation } from './explained-recommender';

const services: GlimpseService[] = [];
afterEach(() => services.splice(0).forEach((s) => s.close()));

async function ready() {
  const s = await createTestService(createFakeIndexedDB(), {
    engineImpl: createFakeEngine(),
    recommender: createExplainedRecommender(),
  });
  services.push(s);
  await s.handle('catalog/load', { catalog: demoCatalog() });
  await s.handle('features/extract', undefined);
  return s;
}
const ids = (recs: { itemId: string }[]) => recs.map((r) => r.itemId);

describe('explained recommender (core rank + explainItem behind the service)', () => {
  it('cold start: a diverse visual sample, explained as a starting point in its category', async () => {
    const s = await ready();
    const recs = await s.handle('recs/rank', { k: 3 });
    // MMR over the embeddings: one item per colour group rather than the first three in catalog order.
    expect(new Set(ids(recs).map((id) => id.replace(/\d$/, '')))).toEqual(new Set(['red', 'blue', 'green']));
    for (const r of recs) {
      expect(r.explanations?.[0]).toMatchObject({ kind: 'popular-in' });
      expect(r.reasons[0]).toMatch(/varied pick/);
    }
  });

  it('after a like: the look-alike first, explained by the liked item, its colour and category', async () => {
    const s = await ready();
    await s.handle('events/record', { kind: 'like', itemId: 'blue1', at: Date.now() });
    const recs = await s.handle('recs/rank', { k: 3 });
    expect(recs[0].itemId).toBe('blue2');
    expect(ids(recs)).not.toContain('blue1'); // seen items are excluded
    const kinds = recs[0].explanations!.map((e) => (e.kind === 'attribute' ? e.attribute : e.kind));
    expect(kinds).toEqual(expect.arrayContaining(['similar-to', 'color', 'category']));
    expect(recs[0].explanations!.find((e) => e.kind === 'similar-to')).toMatchObject({ itemId: 'blue1' });
    expect(recs[0].reasons.join(' ')).toMatch(/blue shirt 1|blue/);
    // Scores are non-increasing after MMR only within relevance; the unrelated groups score lower.
    expect(recs[0].score).toBeGreaterThan(recs[1].score);
  });

  it('a dismissal pushes similar items down and hides the dismissed one', async () => {
    const s = await ready();
    await s.handle('events/record', { kind: 'like', itemId: 'green1', at: Date.now() });
    const beforeRecs = await s.handle('recs/rank', { k: 5 });
    const before = ids(beforeRecs);
    expect(before[0]).toBe('green2');
    const scoreOf = (recs: typeof beforeRecs, id: string) => recs.find((r) => r.itemId === id)!.score;
    await s.handle('profile/less-like-this', { itemId: 'green2' });
    await s.handle('events/record', { kind: 'dismiss', itemId: 'red1', at: Date.now() });
    const afterRecs = await s.handle('recs/rank', { k: 5 });
    const after = ids(afterRecs);
    expect(after).not.toContain('green2');
    expect(after).not.toContain('red1');
    expect(scoreOf(afterRecs, 'red2')).toBeLessThan(scoreOf(beforeRecs, 'red2') - 0.1);
    expect(after[after.length - 1]).toBe('red2'); // the look-alike of the dismissed item comes last
  });

  it('recs/similar: pure visual neighbours, never the item itself, out-of-stock excluded', async () => {
    const s = await ready();
    const sim = await s.handle('recs/similar', { itemId: 'red1', k: 2 });
    expect(ids(sim)[0]).toBe('red2');
    expect(ids(sim)).toHaveLength(2);
    expect(ids(sim)).not.toContain('red1');
    expect(sim[0].explanations?.[0]).toMatchObject({ kind: 'similar-to', itemId: 'red1' });
    expect(sim[0].reasons[0]).toBe('looks like red dress 1');
    await expect(s.handle('recs/similar', { itemId: 'nope', k: 2 })).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('ranking calls reuse the item views (and their index) until features change, then rank with the new ones', async () => {
    const base = createExplainedRecommender();
    const seen: (readonly ItemView[])[] = [];
    const spy: RecommenderPort = { ...base, id: base.id, rank: (p, input, c, k) => (seen.push(input.items), base.rank(p, input, c, k)) };
    const s = await createTestService(createFakeIndexedDB(), { engineImpl: createFakeEngine(), recommender: spy });
    services.push(s);
    await s.handle('catalog/load', { catalog: demoCatalog() });
    await s.handle('features/extract', { itemIds: ['red1', 'blue1', 'green1', 'green2'] });
    await s.handle('events/record', { kind: 'like', itemId: 'blue1', at: Date.now() });
    const blue2 = (recs: Awaited<ReturnType<typeof s.handle<'recs/rank'>>>) => recs.find((r) => r.itemId === 'blue2')!;
    const before = await s.handle('recs/rank', { k: 5 });
    await s.handle('recs/rank', { k: 5 });
    expect(seen[1]).toBe(seen[0]); // the second call got the first call's views: nothing rebuilt
    expect(seen[0].find((i) => i.itemId === 'blue2')!.embedding).toBeUndefined();
    expect(blue2(before).explanations!.some((e) => e.kind === 'similar-to')).toBe(false); // no features, no look

    await s.handle('features/extract', undefined); // blue2 (and red2) get embeddings: the views must follow
    const after = await s.handle('recs/rank', { k: 5 });
    expect(seen[2]).not.toBe(seen[0]);
    expect(Array.from(seen[2].find((i) => i.itemId === 'blue2')!.embedding!)).toEqual(Array.from(embeddingFor('blue2')));
    expect(after[0].itemId).toBe('blue2');
    expect(after[0].explanations!.find((e) => e.kind === 'similar-to')).toMatchObject({ itemId: 'blue1' });
    expect(after[0].score).toBeGreaterThan(blue2(before).score);
  });

  it('describes every explanation kind in words', () => {
    const title = (id: string) => (id === 'a' ? 'Red Dress' : undefined);
    expect(describeExplanation({ kind: 'similar-to', item: 0, itemId: 'a', weight: 1 }, title)).toBe(
      'looks like Red Dress',
    );
    expect(
      describeExplanation({ kind: 'attribute', attribute: 'color', value: 'red', weight: 0.67 }, title),
    ).toBe('red, like 67% of what you liked');
    expect(describeExplanation({ kind: 'popular', weight: 1 }, title)).toBe('a varied pick to start from');
  });
});

describe('calibrate (which reason the chip shows)', () => {
  it('a near-certain shape match does not outrank a colour shared by a third of the likes, but leads alone', () => {
    const shape = { kind: 'attribute', attribute: 'shape', value: 'similar shape', weight: 0.99 } as const;
    const color = { kind: 'attribute', attribute: 'color', value: 'red', weight: 0.35 } as const;
    const ranked = calibrate([shape, color]);
    expect(ranked[0]).toEqual(color);
    expect(ranked[1].weight).toBeCloseTo(0.27, 5);
    expect(calibrate([{ kind: 'similar-to', item: 1, weight: 0.1 }, shape])[0].kind).toBe('attribute');
  });
});
