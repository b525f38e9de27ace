import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { ATTRIBUTES_EXTRACTOR } from '../../features/attributes';
import { encodeFeatureFile } from '../../features/feature-file';
import { buildCatalogFeatureFile } from '../../features/catalog-features';
import { CNN_EXTRACTOR } from './vision-types';
import { WidgetEngineService, widgetDatabaseName } from './engine-adapter';
import type { Outcome } from './protocol';

const dims = ATTRIBUTES_EXTRACTOR.dims;
const axis = (k: number, wobble: number) => {
  const v = new Float32Array(dims);
  v[k] = 1;
  v[k + 1] = wobble;
  const n = Math.hypot(1, wobble);
  return v.map((x) => x / n);
};
const ids = ['r1', 'b1', 'r2', 'b2', 'r3'];
const vectors = ids.map((id, i) => axis(id.startsWith('r') ? 0 : 10, i / 10));
const catalog = (extra: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  name: `Shop ${Math.random()}`,
  features: 'features.glff',
  items: ids.map((id) => ({ id, title: id.toUpperCase(), category: 'Top', image: `img/${id}.png`, price: 5, ...extra })),
});
const featureBytes = (extractor = ATTRIBUTES_EXTRACTOR) => new Blob([encodeFeatureFile({
  extractor, ids,
  matrices: { embedding: { dims, data: Float32Array.from(vectors.flatMap((v) => [...v])), encoding: 'float32' } },
}) as Uint8Array<ArrayBuffer>]);

function fakeFetch(files: Record<string, Response | (() => Response)>): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = String(input);
    const f = files[url];
    if (!f) return new Response('nope', { status: 404 });
    return typeof f === 'function' ? f() : f.clone();
  }) as typeof fetch;
}

/** No model in Node (and no network): the vision loader always fails, as when glimpse-vision.js is blocked. */
const loadVision = vi.fn(async () => {
  throw new Error('glimpse-vision.js blocked');
});
const offline = () => ({ loadVision });

const value = <T>(o: Outcome<T>): T => {
  if (!o.ok) throw new Error(`${o.error.code}: ${o.error.message}`);
  return o.value;
};

describe('WidgetEngineService', () => {
  it('loads a catalog with a precomputed feature file, tracks and personalises', async () => {
    const cat = catalog();
    const svc = new WidgetEngineService({ ...offline(),
      fetch: fakeFetch({
        'https://shop.test/c/catalog.json': () => Response.json(cat),
        'https://shop.test/c/features.glff': () => new Response(featureBytes()),
      }),
    });
    const summary = value(await svc.loadCatalog({ url: 'https://shop.test/c/catalog.json' }));
    expect(summary).toMatchObject({ name: cat.name, items: 5, features: 'precomputed', skipped: 0, extractor: `${ATTRIBUTES_EXTRACTOR.id}@${ATTRIBUTES_EXTRACTOR.version}`, warnings: [] });
    // A precomputed attribute file is used as is: TF.js and the model are never fetched, and no fallback is claimed.
    expect(summary.vision).toMatchObject({ mode: 'attributes', reason: expect.stringContaining('precomputed feature file') });
    expect(summary.vision.fallback).toBeUndefined();
    expect(loadVision).not.toHaveBeenCalled();
    expect(value(await svc.recommend({ mode: 'for-you', count: 3 })).map((r) => r.item.id)).toEqual(['r1', 'b1', 'r2']);
    const first = value(await svc.recommend({ mode: 'for-you', count: 1 }))[0];
    expect(first.item.image).toBe('https://shop.test/c/img/r1.png');

    value(await svc.track({ kind: 'purchase', itemId: 'b1', at: 1000 }));
    const recs = value(await svc.recommend({ mode: 'for-you', count: 5 }));
    expect(recs.map((r) => r.item.id).slice(0, 1)).toEqual(['b2']);
    expect(recs.map((r) => r.item.id)).not.toContain('b1');
    expect(recs[0].explanation).toMatchObject({ kind: 'because-you', action: 'purchase', itemId: 'b1' });

    expect(value(await svc.recommend({ mode: 'similar', itemId: 'r1', count: 2 })).map((r) => r.item.id)).toEqual(['r2', 'r3']);
    expect(await svc.stats()).toMatchObject({ openConnections: 1, items: 5 });
    await svc.dispose();
    expect(await svc.stats()).toMatchObject({ openConnections: 0 });
    // The log outlives the worker, in the catalog's own database.
    const again = new WidgetEngineService({ ...offline(), fetch: fakeFetch({ 'https://shop.test/c/catalog.json': () => Response.json(cat), 'https://shop.test/c/features.glff': () => new Response(featureBytes()) }) });
    value(await again.loadCatalog({ url: 'https://shop.test/c/catalog.json' }));
    expect(value(await again.recommend({ mode: 'for-you', count: 1 }))[0].item.id).toBe('b2');
    await again.dispose();
    expect((await indexedDB.databases()).map((d) => d.name)).toContain(widgetDatabaseName(cat.name));
  });

  it('names the item and field of an invalid catalog', async () => {
    const svc = new WidgetEngineService(offline());
    const bad = catalog();
    (bad.items[2] as Record<string, unknown>).price = -1;
    const o = await svc.loadCatalog({ data: bad, baseUrl: 'https://shop.test/' });
    expect(o).toMatchObject({ ok: false, error: { code: 'catalog-invalid', field: 'items[2].price', itemId: 'r2' } });
  });

  it('reports catalog HTTP errors and non-JSON', async () => {
    const svc = new WidgetEngineService({ ...offline(), fetch: fakeFetch({ 'https://x.test/bad.json': () => new Response('{oops') }) });
    expect(await svc.loadCatalog({ url: 'https://x.test/missing.json' })).toMatchObject({ ok: false, error: { code: 'catalog-fetch' } });
    expect(await svc.loadCatalog({ url: 'https://x.test/bad.json' })).toMatchObject({ ok: false, error: { code: 'catalog-invalid' } });
  });

  it('never mixes extractors: a feature file from another extractor is refused with a warning', async () => {
    const cat = catalog();
    const svc = new WidgetEngineService({ ...offline(),
      fetch: fakeFetch({ 'https://shop.test/features.glff': () => new Response(featureBytes({ id: 'other', version: 1, dims })) }),
    });
    // Fallback extraction needs images, which this fake shop does not serve: every item fails, with the reasons.
    const o = await svc.loadCatalog({ data: cat, baseUrl: 'https://shop.test/' });
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.error.message).toMatch(/No catalog image could be read/);
  });

  it('rejects unknown items and event kinds in track, and unknown anchors in similar mode', async () => {
    const cat = catalog();
    const svc = new WidgetEngineService({ ...offline(), fetch: fakeFetch({ 'https://shop.test/features.glff': () => new Response(featureBytes()) }) });
    value(await svc.loadCatalog({ data: cat, baseUrl: 'https://shop.test/' }));
    expect(await svc.track({ kind: 'purchase', itemId: 'zz', at: 1 })).toMatchObject({ ok: false, error: { code: 'unknown-item', itemId: 'zz' } });
    expect(await svc.track({ kind: 'teleport' as never, itemId: 'r1', at: 1 })).toMatchObject({ ok: false, error: { code: 'bad-event' } });
    expect(await svc.recommend({ mode: 'similar', itemId: 'zz', count: 2 })).toMatchObject({ ok: false, error: { code: 'unknown-item', field: 'item-id' } });
    expect(await svc.recommend({ mode: 'by-photo', count: 2 })).toMatchObject({ ok: false, error: { code: 'no-photo' } });
    await svc.dispose();
  });

  describe('a feature file from `npm run features`', () => {
    const cliFile = (catalogName: string, base = CNN_EXTRACTOR) => new Blob([buildCatalogFeatureFile(ids.map((id, i) => ({
      id,
      // Raw CNN vectors with a large shared component; reds and blues differ along one axis.
      embedding: Float32Array.from({ length: base.dims }, (_, j) => 3 + (j === 0 ? (id.startsWith('r') ? 1 : -1) : 0) + (j === 1 ? i / 10 : 0)),
      attributes: {
        colors: [{ name: id.startsWith('r') ? 'red' : 'blue', hex: '#000000', weight: 1 }],
        colorHistogram: Float32Array.from({ length: 52 }, (_, j) => (j === (id.startsWith('r') ? 0 : 20) ? 1 : 0)),
        texture: new Float32Array(14).fill(1 / 14), shape: new Float32Array(14).fill(1 / 14), aspectRatio: 1, foreground: 0.5,
      },
    })), { base, attributes: ATTRIBUTES_EXTRACTOR, pca: 3, encoding: 'float16', catalog: catalogName }).bytes as Uint8Array<ArrayBuffer>]);

    it('ranks from the file in its own space without loading the model', async () => {
      const cat = { ...catalog(), features: undefined };
      const load = vi.fn(async () => { throw new Error('must not load'); });
      const svc = new WidgetEngineService({ loadVision: load, fetch: fakeFetch({ 'https://cdn.test/f.glff': () => new Response(cliFile(cat.name)) }) });
      const summary = value(await svc.loadCatalog({ data: cat, baseUrl: 'https://shop.test/', features: 'https://cdn.test/f.glff' }));
      expect(summary).toMatchObject({ features: 'precomputed', items: 5, warnings: [], vision: { mode: 'cnn+attributes' } });
      expect(summary.extractor).toBe('widget-hybrid(mobilenet-v2-imagenet-gap+centred+pca3@2+glimpse-attributes@2)@2');
      expect(value(await svc.recommend({ mode: 'similar', itemId: 'b1', count: 1 }))[0]).toMatchObject({ item: { id: 'b2' }, explanation: { color: 'blue' } });
      value(await svc.track({ kind: 'purchase', itemId: 'r1', at: 1 }));
      expect(value(await svc.recommend({ mode: 'for-you', count: 2 })).map((r) => r.item.id).sort()).toEqual(['r2', 'r3']);
      expect(load).not.toHaveBeenCalled();
      await svc.dispose();
    });

    it('refuses a file for another catalog or extractor version: fatal when named by the attribute, naming the fix', async () => {
      const cat = { ...catalog(), features: undefined };
      for (const [file, reason] of [
        [cliFile('Another shop'), /made for the catalog "Another shop"/],
        [cliFile(cat.name, { ...CNN_EXTRACTOR, version: CNN_EXTRACTOR.version - 1 }), /this version runs mobilenet-v2-imagenet-gap@/],
      ] as const) {
        const svc = new WidgetEngineService({ ...offline(), fetch: fakeFetch({ 'https://cdn.test/f.glff': () => new Response(file) }) });
        const o = await svc.loadCatalog({ data: cat, baseUrl: 'https://shop.test/', features: 'https://cdn.test/f.glff' });
        expect(o).toMatchObject({ ok: false, error: { code: 'features-invalid', field: 'features' } });
        if (!o.ok) {
          expect(o.error.message).toMatch(reason);
          expect(o.error.message).toContain('npm run features -- --catalog');
          expect(o.error.fix).toContain('npm run features -- --catalog');
        }
        await svc.dispose();
      }
    });
  });
});
