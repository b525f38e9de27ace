import { afterEach, describe, expect, it } from 'vitest';
import { createFakeIndexedDB } from '../testing/fake-browser-storage';
import { createFakeEngine, createTestService, demoCatalog } from '../testing/glimpse-fixtures';
import { openStore, wipeEverything } from '../storage';
import { GlimpseError, type ServiceEvent } from './protocol';
import { EXTRACT_IN_FLIGHT, type GlimpseService } from './service';
import type { RecommenderPort } from './ports';
import { createTasteRecommender } from './taste-recommender';
import { createWorkerApi } from './api';

const services: GlimpseService[] = [];
async function tab(factory: IDBFactory, deps: Parameters<typeof createTestService>[1] = {}) {
  const s = await createTestService(factory, { engineImpl: createFakeEngine(), ...deps });
  services.push(s);
  return s;
}
afterEach(() => services.splice(0).forEach((s) => s.close()));

async function ready(factory = createFakeIndexedDB(), deps: Parameters<typeof createTestService>[1] = {}) {
  const s = await tab(factory, deps);
  await s.handle('catalog/load', { catalog: demoCatalog() });
  await s.handle('features/extract', undefined);
  return s;
}

const ids = (recs: { itemId: string }[]) => recs.map((r) => r.itemId);

describe('GlimpseService feedback loop', () => {
  it('like -> durable log -> fold-in checkpoint -> recs changed -> similar items first', async () => {
    const s = await ready();
    const events: ServiceEvent[] = [];
    s.on((e) => events.push(e));
    const before = ids(await s.handle('recs/rank', { k: 6 }));
    expect(before).toEqual(['red1', 'red2', 'blue1', 'blue2', 'green1', 'green2']); // no signal: catalog order
    const r = await s.handle('events/record', { kind: 'like', itemId: 'blue1', at: Date.now() });
    expect(r).toEqual({ recorded: true, id: 1 });
    expect(events).toContainEqual({ type: 'recs/changed', parametersVersion: 1 });
    const after = await s.handle('recs/rank', { k: 3 });
    expect(ids(after)[0]).toBe('blue2'); // liked blue1 hidden; its neighbour first
    expect(after[0].score).toBeGreaterThan(after[1].score + 0.5);
    // Explained by what was liked: its look or its colour (named preferences weigh as much as the look).
    expect(after[0].reasons.some((r) => r === 'looks like items you liked' || r.startsWith('blue'))).toBe(true);
    const profile = await s.handle('profile/get', undefined);
    expect(profile.preferences.colors[0]).toMatchObject({ name: 'blue', score: 1 });
    expect(profile.hasVisualTaste).toBe(true);
  });

  it('re-ranks as soon as the like is on disk: "recs changed" comes before the checkpoint is written', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const factory = createFakeIndexedDB();
    const s = await ready(factory, {
      openStore: async (hooks) => {
        const store = await openStore({ factory, ...hooks });
        const save = store.saveParameters.bind(store);
        store.saveParameters = async (...args) => (await gate, save(...args));
        return store;
      },
    });
    const changed = new Promise<ServiceEvent>((resolve) => s.on((e) => e.type === 'recs/changed' && resolve(e)));
    let recorded = false;
    const record = s.handle('events/record', { kind: 'like', itemId: 'blue1', at: Date.now() }).then((r) => ((recorded = true), r));
    expect(await changed).toEqual({ type: 'recs/changed', parametersVersion: 1 });
    expect(ids(await s.handle('recs/rank', { k: 3 }))[0]).toBe('blue2');
    expect(recorded).toBe(false); // the checkpoint is still waiting
    release();
    expect(await record).toEqual({ recorded: true, id: 1 });
    expect((await s.handle('status/get', undefined)).parametersVersion).toBe(1);
    const restarted = await tab(factory);
    expect((await restarted.handle('status/get', undefined)).parametersVersion).toBe(1);
  });

  it('a new instance (restart after a crash) resumes catalog, features, log and parameters from storage', async () => {
    const factory = createFakeIndexedDB();
    const a = await ready(factory);
    await a.handle('events/record', { kind: 'purchase', itemId: 'green1', at: Date.now() });
    const recsA = await a.handle('recs/rank', { k: 5 });
    a.close();
    const engine = createFakeEngine();
    const b = await tab(factory, { engineImpl: engine });
    expect(await b.handle('status/get', undefined)).toMatchObject({
      catalogItems: 6,
      featureItems: 6,
      parametersVersion: 1,
      persistent: true,
    });
    expect(await b.handle('recs/rank', { k: 5 })).toEqual(recsA);
    // Features come from the content-hash cache, not a second extraction.
    expect(await b.handle('features/extract', undefined)).toEqual({ extracted: 0, cached: 6, failed: [] });
    expect(engine.extractCalls).toEqual([]);
  });

  it('pause records nothing; "less like this" still applies and hides the item', async () => {
    const s = await ready();
    await s.handle('profile/pause', { paused: true });
    expect(await s.handle('events/record', { kind: 'like', itemId: 'red1', at: Date.now() })).toEqual({
      recorded: false,
    });
    expect(await s.handle('events/list', undefined)).toEqual([]);
    const less = await s.handle('profile/less-like-this', { itemId: 'red2' });
    expect(less.recorded).toBe(true);
    const recs = ids(await s.handle('recs/rank', { k: 6 }));
    expect(recs).not.toContain('red2');
    expect(recs.slice(-1)).toEqual(['red1']); // pushed away from red
    expect((await s.handle('profile/get', undefined)).paused).toBe(true);
  });

  it('removing an interaction rebuilds the parameters without it', async () => {
    const s = await ready();
    const like = await s.handle('events/record', { kind: 'like', itemId: 'green1', at: Date.now() });
    await s.handle('events/record', { kind: 'like', itemId: 'red1', at: Date.now() });
    await s.handle('events/remove', { id: like.id! });
    expect((await s.handle('events/list', undefined)).map((e) => e.itemId)).toEqual(['red1']);
    expect(ids(await s.handle('recs/rank', { k: 1 }))).toEqual(['red2']);
    const reset = await s.handle('profile/reset', undefined).then(() => s.handle('status/get', undefined));
    expect(reset.parametersVersion).toBe(0);
    expect(await s.handle('events/list', undefined)).toEqual([]);
  });

  it('a crash mid-training loses nothing confirmed; events recorded during training are folded in', async () => {
    const factory = createFakeIndexedDB();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const base = createTasteRecommender();
    const slow: RecommenderPort = {
      ...base,
      id: base.id,
      train: async (input, ctx) => (await gate, base.train(input, ctx)),
    };
    const s = await ready(factory, { recommender: slow });
    await s.handle('events/record', { kind: 'like', itemId: 'red1', at: 1000 });
    const training = s.handle('model/train', undefined);
    await s.handle('events/record', { kind: 'like', itemId: 'blue1', at: 2000 });
    // "Crash" now: a second tab reads storage while training has not finished.
    const other = await tab(factory, { recommender: base });
    expect((await other.handle('status/get', undefined)).parametersVersion).toBe(2);
    expect((await other.handle('events/list', undefined)).map((e) => e.itemId)).toEqual(['red1', 'blue1']);
    release();
    const result = await training;
    expect(result).toEqual({ parametersVersion: 3, events: 1 });
    // The trained result plus the folded-in event equals retraining on the whole log now.
    const trainedThenFolded = await s.handle('recs/rank', { k: 4 });
    await s.handle('model/train', undefined);
    expect((await s.handle('recs/rank', { k: 4 })).map((r) => r.score)).toEqual(
      trainedThenFolded.map((r) => expect.closeTo(r.score, 6)),
    );
    const recs = ids(await s.handle('recs/rank', { k: 2 }));
    expect(recs.sort()).toEqual(['blue2', 'red2']);
  });

  it('background retraining is queued after a like, runs after the configured delay and reports its numbers', async () => {
    const factory = createFakeIndexedDB();
    const s = await ready(factory);
    expect((await s.handle('status/get', undefined)).training).toEqual({ retrainDelayMs: 0, history: [] });
    expect(await s.handle('training/configure', { retrainDelayMs: 30 })).toMatchObject({ retrainDelayMs: 30 });
    const seen: ServiceEvent[] = [];
    const finished = new Promise<void>((done) =>
      s.on((e) => (seen.push(e), e.type === 'training/changed' && e.training.last && done())),
    );
    await s.handle('events/record', { kind: 'like', itemId: 'red1', at: Date.now() });
    await s.handle('events/record', { kind: 'like', itemId: 'red2', at: Date.now() });
    const queued = (await s.handle('training/get', undefined)).queued;
    expect(queued).toMatchObject({ trigger: 'background' });
    await finished;
    const states = seen.flatMap((e) => (e.type === 'training/changed' ? [e.training] : []));
    expect(states.some((t) => t.running?.trigger === 'background')).toBe(true);
    const view = await s.handle('training/get', undefined);
    expect(view.queued).toBeUndefined();
    expect(view.running).toBeUndefined();
    // One run for both likes: the debounce restarts with every event.
    expect(view.history).toHaveLength(1);
    const run = view.last!;
    expect(run).toMatchObject({ model: 'profile-taste-v1', trigger: 'background', epochs: 1, samples: 2, items: 6 });
    expect(run.parametersVersion).toBe((await s.handle('status/get', undefined)).parametersVersion);
    expect(run.millis).toBeGreaterThanOrEqual(0);
    expect(run.samplesPerSecond).toBeGreaterThan(0);
    expect(run.losses).toBeUndefined(); // the taste model is an average: no loss to report
    // Both reds liked, the rest not: in-sample, the new parameters score the likes above everything else.
    expect(run.auc).toEqual({ value: 1, kind: 'in-sample' });
    // The setting is stored: a restarted service keeps it.
    s.close();
    const again = await tab(factory);
    expect((await again.handle('training/get', undefined)).retrainDelayMs).toBe(30);
  });

  it('training/configure rejects nonsense, and 0 turns background retraining off (nothing queued)', async () => {
    const s = await ready();
    for (const bad of [-1, 1.5, Number.NaN, 'soon'])
      await expect(s.handle('training/configure', { retrainDelayMs: bad as number })).rejects.toMatchObject({ code: 'invalid-input' });
    await s.handle('training/configure', { retrainDelayMs: 60_000 });
    await s.handle('events/record', { kind: 'like', itemId: 'red1', at: Date.now() });
    expect((await s.handle('training/get', undefined)).queued).toMatchObject({ trigger: 'background' });
    await s.handle('training/configure', { retrainDelayMs: 0 });
    expect((await s.handle('training/get', undefined)).queued).toBeUndefined();
    await s.handle('events/record', { kind: 'like', itemId: 'blue1', at: Date.now() });
    expect((await s.handle('training/get', undefined)).queued).toBeUndefined();
  });

  it('a run shows as running with progress; a run cancelled by a reset leaves no report', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const base = createTasteRecommender();
    const slow: RecommenderPort = { ...base, id: base.id, train: async (input, ctx) => (await gate, base.train(input, ctx)) };
    const s = await ready(createFakeIndexedDB(), { recommender: slow });
    await s.handle('events/record', { kind: 'like', itemId: 'red1', at: Date.now() });
    const training = s.handle('model/train', undefined);
    expect((await s.handle('training/get', undefined)).running).toMatchObject({ trigger: 'manual', done: 0 });
    const removal = s.handle('events/remove', { id: 1 });
    release();
    await expect(training).rejects.toMatchObject({ code: 'aborted' });
    await removal;
    const view = await s.handle('training/get', undefined);
    expect(view.running).toBeUndefined();
    // The removal rebuilt the parameters (its own run); the stale manual run was discarded, not reported.
    expect(view.history.map((r) => r.trigger)).toEqual(['removal']);
  });

  it('extraction reports progress, can be cancelled, and keeps what was extracted', async () => {
    const factory = createFakeIndexedDB();
    const engine = createFakeEngine({ delayMs: 5 });
    const s = await tab(factory, { engineImpl: engine });
    await s.handle('catalog/load', { catalog: demoCatalog() });
    const abort = new AbortController();
    const progress: number[] = [];
    const err = await s
      .handle('features/extract', undefined, {
        signal: abort.signal,
        onProgress: (done) => {
          progress.push(done);
          if (done === 2) abort.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GlimpseError);
    expect((err as GlimpseError).code).toBe('aborted');
    expect(progress).toEqual([1, 2]);
    const again = await s.handle('features/extract', undefined, {
      signal: new AbortController().signal,
      onProgress: (d) => progress.push(d),
    });
    expect(again).toEqual({ extracted: 4, cached: 2, failed: [] });
  });

  it('extraction keeps a few items in flight, reports each, and records a failed item without stopping', async () => {
    const inner = createFakeEngine({ delayMs: 5 });
    let running = 0;
    let peak = 0;
    const engine = {
      ...inner,
      async extract(item: Parameters<typeof inner.extract>[0], signal: AbortSignal) {
        running++;
        peak = Math.max(peak, running);
        try {
          if (item.id === 'green1') throw new Error('broken JPEG');
          return await inner.extract(item, signal);
        } finally {
          running--;
        }
      },
    };
    const s = await tab(createFakeIndexedDB(), { engineImpl: engine });
    // Twice the demo (blue1…blue4 and so on): more items than the window.
    const demo = demoCatalog();
    const more = demo.items.map((i) => ({ ...i, id: i.id.replace(/\d$/, (d) => String(Number(d) + 2)), image: `${i.image}?2` }));
    await s.handle('catalog/load', { catalog: { ...demo, items: [...demo.items, ...more] } });
    expect(demo.items.length + more.length).toBeGreaterThan(EXTRACT_IN_FLIGHT);
    const progress: number[] = [];
    const out = await s.handle('features/extract', undefined, {
      signal: new AbortController().signal,
      onProgress: (done) => progress.push(done),
    });
    expect(peak).toBe(EXTRACT_IN_FLIGHT);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(out).toEqual({ extracted: 11, cached: 0, failed: [{ itemId: 'green1', message: 'broken JPEG' }] });
    expect((await s.handle('status/get', undefined)).featureItems).toBe(11);
  });

  it('works without an engine, reports a failed engine, and rejects bad input with structured errors', async () => {
    const factory = createFakeIndexedDB();
    const s = await tab(factory, {
      engineImpl: undefined,
      engine: async () => Promise.reject(new Error('webgpu lost')),
    });
    expect(await s.handle('status/get', undefined)).toMatchObject({
      engine: 'failed',
      engineError: 'webgpu lost',
    });
    const api = createWorkerApi(Promise.resolve(s));
    expect(await api.call('1', 'features/extract', undefined)).toEqual({
      id: '1',
      ok: false,
      error: { code: 'engine-unavailable', message: 'webgpu lost' },
    });
    const bad = await api.call('2', 'catalog/load', { catalog: { schemaVersion: 1, name: 'x', items: [] } });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/at least one item/) },
    });
    expect(await api.call('3', 'recs/rank', { k: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await api.call('4', 'events/record', { kind: 'like', itemId: '', at: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: 'Invalid interaction: itemId must be a non-empty string' },
    });
    // Without features the profile still ranks by attributes (category here).
    await s.handle('catalog/load', { catalog: demoCatalog() });
    await s.handle('events/record', { kind: 'like', itemId: 'green1', at: Date.now() });
    expect(ids(await s.handle('recs/rank', { k: 1 }))).toEqual(['green2']);
  });
});

describe('privacy through the service', () => {
  it('export -> wipe (nothing left, memory only) -> import into a fresh profile restores it', async () => {
    const factory = createFakeIndexedDB();
    const s = await ready(factory, { wipe: () => wipeEverything({ indexedDB: factory }) });
    await s.handle('events/record', { kind: 'save', itemId: 'red2', at: 5 });
    const file = await s.handle('privacy/export', undefined);
    expect(JSON.parse(file)).toMatchObject({ format: 'glimpse-export', interactions: [{ itemId: 'red2' }] });
    const wiped = await s.handle('privacy/wipe', undefined);
    expect(wiped.databases).toContain('glimpse');
    expect(await factory.databases()).toEqual([]);
    expect(await s.handle('status/get', undefined)).toMatchObject({
      persistent: false,
      notice: expect.stringMatching(/deleted/),
    });
    // Still usable, nothing re-created on disk; the (public) catalog still ranks.
    expect(await s.handle('recs/rank', { k: 3 })).toHaveLength(3);
    await s.handle('events/record', { kind: 'like', itemId: 'x', at: 6 });
    expect(await factory.databases()).toEqual([]);

    const fresh = await tab(createFakeIndexedDB());
    expect(await fresh.handle('privacy/import', { file })).toEqual({ interactions: 1, models: 1 });
    expect((await fresh.handle('events/list', undefined)).map((e) => e.itemId)).toEqual(['red2']);
    expect(await fresh.handle('status/get', undefined)).toMatchObject({
      catalogItems: 6,
      featureItems: 6,
      parametersVersion: 1,
    });
    const bad = await fresh
      .handle('privacy/import', { file: '{"format":"glimpse-export"}' })
      .catch((e: unknown) => e);
    expect((bad as Error).name).toBe('ImportValidationError');
    expect((await fresh.handle('events/list', undefined)).map((e) => e.itemId)).toEqual(['red2']);
  });
});

describe('two tabs', () => {
  it('a like in one tab reaches the other through storage', async () => {
    const factory = createFakeIndexedDB();
    const a = await ready(factory);
    const b = await tab(factory);
    const changed = new Promise<void>((resolve) => b.on((e) => e.type === 'profile/changed' && resolve()));
    await a.handle('events/record', { kind: 'like', itemId: 'green2', at: 7 });
    await changed;
    expect((await b.handle('events/list', undefined)).map((e) => e.itemId)).toEqual(['green2']);
    expect((await b.handle('status/get', undefined)).parametersVersion).toBe(1);
  });

  it('deleting everything in one tab stops the other, which tells its UI', async () => {
    const factory = createFakeIndexedDB();
    const a = await ready(factory, {
      wipe: () => wipeEverything({ indexedDB: factory }, { blockedTimeoutMs: 500 }),
    });
    const b = await tab(factory);
    const seen = new Promise<ServiceEvent>((resolve) =>
      b.on((e) => e.type === 'storage/version-change' && resolve(e)),
    );
    const report = await a.handle('privacy/wipe', undefined);
    expect(report.blockedDatabases).toEqual([]);
    expect((await seen).type).toBe('storage/version-change');
  });
});
