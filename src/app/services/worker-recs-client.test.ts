import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/schema';
import { parseCatalog } from '../../core/catalog/validate';
import { decodeFeatureFile, matrixRow } from '../../features/feature-file';
import type { ExtractorInfo } from '../../features/contract';
import { createFakeIndexedDB } from '../../testing/fake-browser-storage';
import { createTestService } from '../../testing/glimpse-fixtures';
import { createWorkerApi } from '../../worker/api';
import { GlimpseClient } from '../../worker/client';
import { GlimpseError, type ServiceEvent } from '../../worker/protocol';
import { createExplainedRecommender } from '../../worker/explained-recommender';
import type { EnginePort } from '../../worker/ports';
import type { GlimpseService } from '../../worker/service';
import { RecsClientError, type Progress, type RecsClient } from './recs-client';
import { createWorkerProfileLog } from './worker-profile-log';
import { createWorkerRecsClient } from './worker-recs-client';

/**
 * The adapter end to end in Node: GlimpseClient whose Worker cannot start (so it falls back in-process, as
 * in a browser without workers) -> GlimpseService over fake-indexeddb -> the tiny fixture catalog with its
 * committed precomputed MobileNetV2 features (public/fixtures/tiny/features.glff).
 */
const CATALOG_URL = new URL('../../../public/fixtures/tiny/catalog.json', import.meta.url);
const FILE_URL = new URL('features.glff', CATALOG_URL);
const file = decodeFeatureFile(new Uint8Array(readFileSync(FILE_URL)));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const imageBytes = (id: string) => new Uint8Array(readFileSync(new URL(`images/${id}.png`, CATALOG_URL)));

function tinyCatalog(options: { withFile?: boolean; extra?: boolean } = {}): Catalog {
  const json = JSON.parse(readFileSync(CATALOG_URL, 'utf8')) as { items: Record<string, unknown>[] };
  const items = options.extra
    ? [...json.items, { ...json.items[0], id: 'red-t-shirt-copy', title: 'Red T-Shirt (copy)', colors: undefined }]
    : json.items;
  const base = pathToFileURL(fileURLToPath(CATALOG_URL));
  const catalog = parseCatalog({ ...json, items, ...(options.withFile === false ? {} : { features: 'features.glff' }) });
  return {
    ...catalog,
    ...(catalog.features ? { features: new URL(catalog.features, base).href } : {}),
    items: catalog.items.map((i) => ({ ...i, image: new URL(i.image, base).href })),
  };
}

/**
 * An engine that "sees" the fixture images exactly as the file recorded them: a photo (or catalog image)
 * maps by content hash to the file's row. It stands in for MobileNetV2 (covered by the e2e photo search)
 * so this test checks the adapter's plumbing, not the vision model.
 */
function fixtureEngine(): EnginePort & { extracted: string[] } {
  let info: ExtractorInfo = { id: 'none', version: 0, dims: 0 };
  const rowByHash = new Map(file.ids.map((id, r) => [sha(imageBytes(id)), r]));
  const featuresOf = (bytes: Uint8Array) => {
    const r = rowByHash.get(sha(bytes));
    if (r === undefined) throw new Error('not an image this engine can read');
    const meta = file.items![r] as { colors: { name: string; hex: string; weight: number }[] };
    const m = (n: string) => matrixRow(file.matrices[n]!, r);
    return {
      embedding: m('embedding'),
      attributes: { colors: meta.colors, colorHistogram: m('colorHistogram'), texture: m('texture'), shape: m('shape'), aspectRatio: 1, foreground: 0.5 },
    };
  };
  const fileOf = (url: string) => new Uint8Array(readFileSync(fileURLToPath(url)));
  const engine = {
    extracted: [] as string[],
    get extractor() {
      return info;
    },
    useSpace(_meta: unknown, fileInfo: ExtractorInfo) {
      info = fileInfo;
      return true;
    },
    async hashImage(item: { image: string }) {
      return sha(fileOf(item.image));
    },
    async extract(item: { id: string; image: string }) {
      engine.extracted.push(item.id);
      return { itemId: item.id, ...featuresOf(fileOf(item.image)) };
    },
    async extractBytes(bytes: Uint8Array) {
      return featuresOf(bytes);
    },
    backend() {
      return {
        chosen: 'wasm',
        candidates: [
          { name: 'webgpu', status: 'software-renderer', reason: 'SwiftShader adapter: slower than WebAssembly on this CPU' },
          { name: 'wasm', status: 'chosen', reason: 'fastest measured', msPerOp: 4.2 },
          { name: 'cpu', status: 'from-a-newer-engine', reason: 'something this UI has no words for' },
        ],
      };
    },
  };
  return engine;
}

const open: { service: GlimpseService; client: GlimpseClient }[] = [];
afterEach(() => {
  for (const { client, service } of open.splice(0)) {
    client.close();
    service.close();
  }
});

async function setup(catalog = tinyCatalog()) {
  const engine = fixtureEngine();
  const service = await createTestService(createFakeIndexedDB(), {
    engineImpl: engine,
    recommender: createExplainedRecommender(),
    fetchBytes: async (url) => new Uint8Array(readFileSync(fileURLToPath(url))),
  });
  const client = await GlimpseClient.create({
    spawn: () => {
      throw new Error('Worker is not defined');
    },
    inProcess: () => createWorkerApi(Promise.resolve(service)),
  });
  open.push({ service, client });
  const log = createWorkerProfileLog(client);
  const recs = createWorkerRecsClient({ catalog, catalogKey: pathToFileURL(fileURLToPath(CATALOG_URL)).href, client, log });
  return { recs, log, engine, client };
}

const nextChange = (recs: RecsClient) =>
  new Promise<void>((resolve) => {
    const off = recs.subscribe((e) => e.type === 'changed' && (off(), resolve()));
  });
const at = Date.now();

describe('RecsClient over the Glimpse worker (in-process fallback, tiny catalog)', () => {
  it('runs in-process when the Worker cannot start and says so in insights', async () => {
    const { recs, client, engine } = await setup();
    expect(client.mode).toBe('in-process');
    const cold = await recs.forYou({ k: 6 });
    expect(cold).toHaveLength(6);
    expect(cold.every((r) => r.explanations[0]?.kind === 'popular-in')).toBe(true);
    expect(engine.extracted).toEqual([]); // everything came from the precomputed file
    const insights = await recs.insights();
    expect(insights.engine.name).toMatch(/in-process/);
    expect(insights.features).toMatchObject({ done: 24, total: 24 });
    // Statuses the UI translates pass through; one it does not know is dropped, its English detail kept.
    expect(insights.backend?.candidates).toEqual([
      { name: 'webgpu', chosen: false, available: false, status: 'software-renderer', reason: 'SwiftShader adapter: slower than WebAssembly on this CPU' },
      { name: 'wasm', chosen: true, available: true, status: 'chosen', reason: 'fastest measured', millis: 4.2 },
      { name: 'cpu', chosen: false, available: false, reason: 'something this UI has no words for' },
    ]);
  });

  it('background training: the delay is set through the client, a like queues a retrain, its report arrives as an event', async () => {
    const { recs, log } = await setup();
    await recs.forYou({ k: 1 }); // the catalog is loaded
    expect((await recs.setRetrainDelay(20)).retrainDelayMs).toBe(20);
    await expect(recs.setRetrainDelay(-5)).rejects.toBeInstanceOf(RecsClientError);
    const states: string[] = [];
    const done = new Promise<void>((resolve) => {
      const off = recs.subscribe((e) => {
        if (e.type !== 'training') return;
        states.push(e.training.running ? 'running' : e.training.queued ? 'queued' : 'idle');
        if (e.training.last?.trigger !== 'background') return;
        off();
        resolve();
      });
    });
    await log.record({ kind: 'like', itemId: 'red-t-shirt', at });
    await done;
    expect(states.slice(0, 2)).toEqual(['queued', 'running']);
    const status = await recs.training();
    expect(status.last).toMatchObject({ trigger: 'background', samples: 1, items: 24 });
    expect(status.last!.auc?.kind).toBe('in-sample');
  });

  it('likes change the feed: red likes bring red items up with a colour reason, the liked ones are hidden', async () => {
    const { recs, log } = await setup();
    expect([...(await recs.relevance()).values()].every((v) => v === 0)).toBe(true); // cold: no personal signal
    const changed = nextChange(recs);
    await log.record({ kind: 'like', itemId: 'red-t-shirt', at });
    await log.record({ kind: 'like', itemId: 'red-shoes', at });
    await changed;
    const feed = await recs.forYou({ k: 5 });
    expect(feed.map((r) => r.itemId)).not.toContain('red-t-shirt');
    const hat = feed.find((r) => r.itemId === 'red-striped-hat');
    expect(hat?.explanations).toContainEqual(expect.objectContaining({ kind: 'attribute', attribute: 'color', value: 'red' }));
    const relevance = await recs.relevance();
    expect(relevance.size).toBe(24);
    expect(relevance.get('red-striped-hat')!).toBeGreaterThan(0);
    const profile = await recs.profile();
    expect(profile.events).toBe(2);
    expect(profile.colors[0]).toMatchObject({ name: 'red' });
    expect(profile.colors[0].hex).toMatch(/^#/);
  });

  it('filters the feed by category and completes the look from other categories', async () => {
    const { recs } = await setup();
    const catalog = tinyCatalog();
    const cat = (id: string) => catalog.items.find((i) => i.id === id)!.category;
    const shirts = await recs.forYou({ k: 10, category: 'T-Shirt' });
    expect(shirts.length).toBeGreaterThan(0);
    expect(shirts.every((r) => cat(r.itemId) === 'T-Shirt')).toBe(true);
    const look = await recs.completeTheLook('red-t-shirt', 4);
    expect(look.length).toBeGreaterThan(0);
    expect(look.every((r) => cat(r.itemId) !== 'T-Shirt' && r.explanations[0].kind === 'goes-with')).toBe(true);
  });

  it('similar and "you may also like" answer with items that look alike; unknown items are a typed error', async () => {
    const { recs } = await setup();
    const similar = await recs.similar('red-t-shirt', 3);
    expect(similar).toHaveLength(3);
    expect(similar[0].explanations[0]).toMatchObject({ kind: 'similar-to', itemId: 'red-t-shirt' });
    const also = await recs.youMayAlsoLike('red-t-shirt', 3);
    expect(also.map((r) => r.itemId)).not.toContain('red-t-shirt');
    await expect(recs.similar('nope')).rejects.toBeInstanceOf(RecsClientError);
  });

  it('search by photo returns the pictured item first with "looks like your photo"; an unreadable photo is a typed error', async () => {
    const { recs } = await setup();
    const found = await recs.searchByPhoto(new Blob([imageBytes('blue-shirt')]), 3);
    expect(found.results[0]).toMatchObject({ itemId: 'blue-shirt', explanations: [{ kind: 'looks-like' }] });
    expect(found.colors.length).toBeGreaterThan(0);
    await expect(recs.searchByPhoto(new Blob([new Uint8Array([1, 2, 3])]))).rejects.toBeInstanceOf(RecsClientError);
  });

  it('items the feature file lacks are extracted in the worker with done/total/rate progress', async () => {
    const { recs, engine } = await setup(tinyCatalog({ extra: true }));
    const seen: (Progress | null)[] = [];
    recs.subscribe((e) => e.type === 'progress' && seen.push(e.progress));
    const colors = await recs.itemColors();
    expect(engine.extracted).toEqual(['red-t-shirt-copy']);
    expect(colors.get('red-t-shirt-copy')?.[0]?.name).toBe('red');
    const last = seen.filter((p): p is Progress => !!p).at(-1)!;
    expect(last).toMatchObject({ task: 'features', done: 25, total: 25 });
    expect(seen.at(-1)).toBeNull();
    const map = await recs.tasteMap();
    expect(map.points).toHaveLength(25);
  });

  it('a worker restarted in the middle of the first extraction does not leave the app failing: it extracts again and ranks', async () => {
    const { client, engine, log } = await setup(tinyCatalog({ extra: true }));
    let crashes = 0;
    const listeners: ((e: ServiceEvent) => void)[] = [];
    const flaky: Pick<GlimpseClient, 'call' | 'on'> = {
      on: (l) => (listeners.push(l), client.on(l)),
      call: ((method, args, options) => {
        if (method === 'features/extract' && crashes++ === 0) {
          for (const l of listeners) l({ type: 'worker/restarted', restarts: 1 });
          return Promise.reject(new GlimpseError('worker-crashed', 'The Glimpse worker stopped (The worker did not answer within 10000 ms); please retry.'));
        }
        return client.call(method, args, options);
      }) as GlimpseClient['call'],
    };
    const recs = createWorkerRecsClient({ catalog: tinyCatalog({ extra: true }), catalogKey: pathToFileURL(fileURLToPath(CATALOG_URL)).href, client: flaky, log });
    const changed = nextChange(recs);
    const feed = await recs.forYou({ k: 5 });
    await changed;
    expect(crashes).toBe(2);
    expect(engine.extracted).toEqual(['red-t-shirt-copy']);
    expect(feed).toHaveLength(5);
  });

  it('a failure other than a crash still surfaces instead of being retried', async () => {
    const { client, log } = await setup(tinyCatalog({ extra: true }));
    let extractCalls = 0;
    const broken: Pick<GlimpseClient, 'call' | 'on'> = {
      on: (l) => client.on(l),
      call: ((method, args, options) => {
        if (method === 'features/extract') {
          extractCalls++;
          return Promise.reject(new GlimpseError('engine-unavailable', 'no backend'));
        }
        return client.call(method, args, options);
      }) as GlimpseClient['call'],
    };
    const recs = createWorkerRecsClient({ catalog: tinyCatalog({ extra: true }), catalogKey: pathToFileURL(fileURLToPath(CATALOG_URL)).href, client: broken, log });
    await expect(recs.forYou({ k: 5 })).rejects.toThrow(/no backend/);
    expect(extractCalls).toBe(1);
  });

  it('items the device could not analyse are counted in insights with the first reason', async () => {
    const { client, log } = await setup(tinyCatalog({ extra: true }));
    const reason = 'The model at /generated/models/mobilenet-v2.tflite cannot be used: Not a TFLite model';
    const failing: Pick<GlimpseClient, 'call' | 'on'> = {
      on: (l) => client.on(l),
      call: ((method, args, options) =>
        method === 'features/extract'
          ? Promise.resolve({ extracted: 0, cached: 0, failed: [{ itemId: 'red-t-shirt-copy', message: reason }] })
          : client.call(method, args, options)) as GlimpseClient['call'],
    };
    const recs = createWorkerRecsClient({ catalog: tinyCatalog({ extra: true }), catalogKey: pathToFileURL(fileURLToPath(CATALOG_URL)).href, client: failing, log });
    expect(await recs.forYou({ k: 5 })).toHaveLength(5);
    const insights = await recs.insights();
    expect(insights.features).toMatchObject({ done: 24, total: 25, failed: { count: 1, reason } });
  });

  it('the taste map puts the taste point among the liked items; history and removal go through the log', async () => {
    const { recs, log } = await setup();
    await log.record({ kind: 'like', itemId: 'red-t-shirt', at });
    const map = await recs.tasteMap();
    const liked = map.points.find((p) => p.itemId === 'red-t-shirt')!;
    expect(liked.affinity).toBeGreaterThan(0);
    expect(map.taste).toEqual({ x: liked.x, y: liked.y });
    const history = await recs.history();
    expect(history).toHaveLength(1);
    await recs.removeInteraction(history[0].id);
    expect(await recs.history()).toEqual([]);
  });
});
