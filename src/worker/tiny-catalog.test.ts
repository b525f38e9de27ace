import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeIndexedDB } from '../testing/fake-browser-storage';
import { createTestService } from '../testing/glimpse-fixtures';
import type { Recommendation } from './protocol';
import type { GlimpseService } from './service';
import { createExplainedRecommender } from './explained-recommender';

/**
 * The real pipeline on the tiny fixture catalog: MobileNetV2 embeddings + attributes precomputed by
 * `npm run features:tiny` (public/fixtures/tiny/features.glff) -> catalog/load -> explained recommender.
 */
const CATALOG_URL = new URL('../../public/fixtures/tiny/catalog.json', import.meta.url);
const catalog = () => ({ ...JSON.parse(readFileSync(CATALOG_URL, 'utf8')), features: 'features.glff' });

const services: GlimpseService[] = [];
afterEach(() => services.splice(0).forEach((s) => s.close()));

async function tiny() {
  const s = await createTestService(createFakeIndexedDB(), {
    recommender: createExplainedRecommender(),
    fetchBytes: async (url) => new Uint8Array(readFileSync(fileURLToPath(url))),
  });
  services.push(s);
  const loaded = await s.handle('catalog/load', { catalog: catalog(), url: pathToFileURL(fileURLToPath(CATALOG_URL)).href });
  return { s, loaded };
}
const colorOf = (r: Recommendation) => r.itemId.split('-')[0];
const at = Date.now();

describe('GlimpseService + explained recommender on the tiny catalog (real precomputed features)', () => {
  it('loads the precomputed file: every item gets a 1280-d centred embedding and attributes', async () => {
    const { s, loaded } = await tiny();
    expect(loaded).toEqual({ items: 24, features: { status: 'precomputed', items: 24 } });
    expect(await s.handle('status/get', undefined)).toMatchObject({ featureItems: 24, catalogItems: 24 });
  });

  it('liking red items brings the other red item into the top 5, explained by colour', async () => {
    const { s } = await tiny();
    for (const itemId of ['red-t-shirt', 'red-shoes'])
      await s.handle('events/record', { kind: 'like', itemId, at });
    const recs = await s.handle('recs/rank', { k: 5 });
    expect(recs.map((r) => r.itemId)).not.toContain('red-t-shirt');
    const hat = recs.find((r) => r.itemId === 'red-striped-hat');
    expect(hat).toBeDefined();
    expect(hat!.explanations).toContainEqual(expect.objectContaining({ kind: 'attribute', attribute: 'color', value: 'red' }));
    expect(hat!.reasons.join(' | ')).toMatch(/red|Red/);
    expect(recs.every((r) => r.explanations!.length > 0)).toBe(true);
  });

  it('dismissing an item lowers the items that look like it', async () => {
    const { s } = await tiny();
    await s.handle('events/record', { kind: 'like', itemId: 'blue-shirt', at });
    const score = (recs: Recommendation[], id: string) => recs.find((r) => r.itemId === id)?.score ?? -Infinity;
    const before = await s.handle('recs/rank', { k: 23 });
    await s.handle('events/record', { kind: 'dismiss', itemId: 'black-dress', at });
    const after = await s.handle('recs/rank', { k: 23 });
    expect(after.map(colorOf)).not.toContain(undefined);
    expect(after.map((r) => r.itemId)).not.toContain('black-dress');
    expect(score(after, 'white-dress')).toBeLessThan(score(before, 'white-dress'));
    expect(score(after, 'black-shorts')).toBeLessThan(score(before, 'black-shorts'));
  });

  it('recs/similar ranks by pure visual similarity', async () => {
    const { s } = await tiny();
    const sim = await s.handle('recs/similar', { itemId: 'red-t-shirt', k: 3 });
    expect(sim).toHaveLength(3);
    expect(sim.map((r) => r.itemId)).not.toContain('red-t-shirt');
    expect(sim.map((r) => r.itemId)).not.toContain('white-skirt'); // out of stock
    expect(sim[0].score).toBeGreaterThanOrEqual(sim[2].score);
    expect(sim.some((r) => r.itemId.includes('t-shirt'))).toBe(true);
  });
});
