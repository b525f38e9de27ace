import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeIndexedDB } from '../testing/fake-browser-storage';
import { createFakeEngine, createTestService, demoCatalog } from '../testing/glimpse-fixtures';
import { createWorkerApi } from './api';
import { GlimpseClient, type SpawnedWorker } from './client';
import { GlimpseError, type ServiceEvent, type WorkerApi } from './protocol';
import type { GlimpseService } from './service';

/**
 * A "worker" is a service exposed over a MessageChannel with comlink, exactly as entry.ts does over the
 * Worker's port. Each spawn is a fresh service on the same IndexedDB (a restarted worker).
 */
function harness(options: { engineDelayMs?: number; engineFails?: boolean; hangAfterStart?: boolean } = {}) {
  const factory = createFakeIndexedDB();
  const services: Promise<GlimpseService>[] = [];
  const crashers: ((reason: string) => void)[] = [];
  const ports: MessagePort[] = [];
  const engines: ReturnType<typeof createFakeEngine>[] = [];
  let hang = false;
  const spawn = (): SpawnedWorker => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    const engine = createFakeEngine({ delayMs: options.engineDelayMs });
    engines.push(engine);
    const service = createTestService(factory, {
      engine: options.engineFails
        ? () => Promise.reject(new Error('no WebGPU in this worker'))
        : async () => engine,
    });
    services.push(service);
    const api = createWorkerApi(service);
    const exposed: WorkerApi = {
      ...api,
      ping: () => (hang ? new Promise(() => undefined) : api.ping()),
    };
    Comlink.expose(exposed, port1);
    return {
      endpoint: port2 as unknown as Comlink.Endpoint,
      terminate: () => {
        port1.close();
        port2.close();
        void service.then(
          (s) => s.close(),
          () => undefined,
        );
      },
      onCrash: (l) => crashers.push(l),
    };
  };
  const inProcess = () =>
    createWorkerApi(createTestService(factory, { engine: async () => createFakeEngine() }));
  return {
    factory,
    spawn,
    inProcess,
    services,
    engines,
    crash: (reason = 'boom') => crashers[crashers.length - 1](reason),
    hang: () => (hang = true),
    close: () => ports.forEach((p) => p.close()),
  };
}

const clients: GlimpseClient[] = [];
const harnesses: ReturnType<typeof harness>[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  for (const h of harnesses.splice(0)) {
    h.close();
    for (const s of h.services)
      await s.then(
        (x) => x.close(),
        () => undefined,
      );
  }
});

async function connect(
  h: ReturnType<typeof harness>,
  extra: Partial<Parameters<typeof GlimpseClient.create>[0]> = {},
) {
  harnesses.push(h);
  const c = await GlimpseClient.create({
    spawn: h.spawn,
    inProcess: h.inProcess,
    pingIntervalMs: 60_000,
    ...extra,
  });
  clients.push(c);
  return c;
}

describe('GlimpseClient over a MessageChannel', () => {
  it('calls methods by id and returns typed results', async () => {
    const c = await connect(harness());
    expect(c.mode).toBe('worker');
    expect(await c.call('catalog/load', { catalog: demoCatalog() })).toEqual({ items: 6 });
    const [a, b] = await Promise.all([
      c.call('status/get', undefined),
      c.record({ kind: 'like', itemId: 'red1', at: 1 }),
    ]);
    expect(a.catalogItems).toBe(6);
    expect(b).toEqual({ recorded: true, id: 1 });
  });

  it('rebuilds structured errors', async () => {
    const c = await connect(harness());
    const err = await c.call('recs/rank', { k: -1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GlimpseError);
    expect(err).toMatchObject({ code: 'invalid-input', message: 'k must be a positive integer.' });
    const bad = (await c
      .call('catalog/load', { catalog: { nope: 1 } })
      .catch((e: unknown) => e)) as GlimpseError;
    expect(bad.code).toBe('invalid-input');
    expect(Array.isArray(bad.details)).toBe(true);
  });

  it('streams progress through a proxied callback and pushes service events', async () => {
    const c = await connect(harness());
    const events: ServiceEvent[] = [];
    c.on((e) => events.push(e));
    await c.call('catalog/load', { catalog: demoCatalog() });
    const progress: string[] = [];
    const result = await c.call('features/extract', undefined, {
      onProgress: (p) => progress.push(`${p.stage}:${p.done}/${p.total}`),
    });
    expect(result).toEqual({ extracted: 6, cached: 0, failed: [] });
    await expect.poll(() => progress.length).toBe(6);
    expect(progress[5]).toBe('features/extract:6/6');
    await c.record({ kind: 'like', itemId: 'red1', at: Date.now() });
    await expect
      .poll(() => events.some((e) => e.type === 'recs/changed' && e.parametersVersion === 1))
      .toBe(true);
  });

  it('aborts a running call: the caller gets "aborted" and the worker stops the task', async () => {
    const h = harness({ engineDelayMs: 20 });
    const c = await connect(h);
    // 24 items (blue1…blue8 and so on), so a stop shows past the service's items in flight.
    const demo = demoCatalog();
    const shifted = (by: number) =>
      demo.items.map((i) => ({
        ...i,
        id: i.id.replace(/\d$/, (d) => String(Number(d) + by)),
        image: i.image.replace(/(\d)\.jpg$/, (_, d: string) => `${Number(d) + by}.jpg`),
      }));
    const items = [0, 2, 4, 6].flatMap(shifted);
    await c.call('catalog/load', { catalog: { ...demo, items } });
    const abort = new AbortController();
    const running = c.call('features/extract', undefined, {
      signal: abort.signal,
      onProgress: (p) => p.done === 1 && abort.abort(),
    });
    await expect(running).rejects.toMatchObject({ code: 'aborted' });
    await new Promise((r) => setTimeout(r, 80));
    // The worker saw the cancel: it did not go on through all the items.
    expect(h.engines[0].extractCalls.length).toBeLessThan(items.length);
    expect((await c.call('status/get', undefined)).featureItems).toBeLessThan(items.length);
  });

  it('restarts a crashed worker, fails in-flight calls, and resumes from storage', async () => {
    const h = harness({ engineDelayMs: 30 });
    const c = await connect(h);
    const events: ServiceEvent[] = [];
    c.on((e) => events.push(e));
    await c.call('catalog/load', { catalog: demoCatalog() });
    await c.record({ kind: 'save', itemId: 'blue2', at: 3 });
    const inFlight = c.call('features/extract', undefined);
    h.crash('out of memory');
    await expect(inFlight).rejects.toMatchObject({ code: 'worker-crashed' });
    await expect.poll(() => events.some((e) => e.type === 'worker/restarted')).toBe(true);
    expect(h.services).toHaveLength(2);
    expect(c.mode).toBe('worker');
    expect((await c.call('events/list', undefined)).map((e) => e.itemId)).toEqual(['blue2']);
    expect((await c.call('status/get', undefined)).catalogItems).toBe(6);
  });

  it('treats an unanswered ping as a crash', async () => {
    const h = harness();
    const c = await connect(h, { pingIntervalMs: 20, pingTimeoutMs: 40, maxRestarts: 0 });
    const events: ServiceEvent[] = [];
    c.on((e) => events.push(e));
    h.hang();
    await expect.poll(() => c.mode, { timeout: 2000 }).toBe('in-process');
    expect(events.find((e) => e.type === 'worker/in-process')).toMatchObject({
      reason: expect.stringMatching(/did not answer/),
    });
    expect((await c.call('status/get', undefined)).persistent).toBe(true);
  });

  it('falls back in-process when the Worker cannot start or its engine fails there', async () => {
    const h = harness();
    const noWorker = await connect(h, {
      spawn: () => {
        throw new Error('Worker is not defined');
      },
    });
    expect(noWorker.mode).toBe('in-process');
    expect(noWorker.inProcessReason).toMatch(/Worker is not defined/);
    expect(await noWorker.call('catalog/load', { catalog: demoCatalog() })).toEqual({ items: 6 });

    const badEngine = await connect(harness({ engineFails: true }));
    expect(badEngine.mode).toBe('in-process');
    expect(badEngine.inProcessReason).toMatch(/no WebGPU in this worker/);
    expect((await badEngine.call('status/get', undefined)).engine).toBe('ready');
  });
});

describe('createWorkerApi events', () => {
  it("sends the events of one turn as one batch, in order: a like's changes reach the page in one message", async () => {
    const service = createTestService(createFakeIndexedDB(), { engine: async () => createFakeEngine() });
    const api = createWorkerApi(service);
    const batches: string[][] = [];
    api.subscribe((events) => batches.push(events.map((e) => e.type)));
    await api.call('a', 'catalog/load', { catalog: demoCatalog() });
    const before = batches.length;
    const answer = await api.call('b', 'events/record', { kind: 'like', itemId: 'red1', at: Date.now() });
    expect(answer).toMatchObject({ ok: true, value: { recorded: true } });
    // Sent before the call's answer: the page has re-queried by the time record() resolves.
    expect(batches.slice(before)).toEqual([['profile/changed', 'recs/changed']]);
    (await service).close();
  });
});
