import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeIndexedDB } from '../testing/fake-browser-storage';
import { createFakeEngine, createTestService, demoCatalog } from '../testing/glimpse-fixtures';
import { createWorkerApi } from './api';
import { createStoredInteractionSink } from './app-adapters';
import { GlimpseClient } from './client';

const clients: GlimpseClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.close()));

async function inProcessClient() {
  const api = createWorkerApi(createTestService(createFakeIndexedDB(), { engine: async () => createFakeEngine() }));
  const client = await GlimpseClient.create({
    spawn: () => {
      throw new Error('no Worker here');
    },
    inProcess: () => api,
  });
  clients.push(client);
  await client.call('catalog/load', { catalog: demoCatalog() });
  return client;
}

describe('createStoredInteractionSink', () => {
  it('tells subscribers once per recorded event and leaves reading the log to them', async () => {
    const client = await inProcessClient();
    const call = vi.spyOn(client, 'call');
    const sink = createStoredInteractionSink(client);
    const seen: string[][] = [];
    sink.subscribe(() => void sink.list().then((l) => seen.push(l.map((e) => e.itemId))));
    await sink.record({ kind: 'like', itemId: 'red1', at: 1 });
    await expect.poll(() => seen).toEqual([['red1']]);
    await sink.record({ kind: 'save', itemId: 'blue2', at: 2 });
    await expect.poll(() => seen).toEqual([['red1'], ['red1', 'blue2']]);
    // Two records, two reads by the subscriber, none by the sink itself.
    expect(call.mock.calls.map(([method]) => method)).toEqual(['events/record', 'events/list', 'events/record', 'events/list']);
  });

  it('does not tell subscribers about an event the service declined (learning paused)', async () => {
    const client = await inProcessClient();
    await client.call('profile/pause', { paused: true });
    const sink = createStoredInteractionSink(client);
    const listener = vi.fn();
    sink.subscribe(listener);
    await sink.record({ kind: 'like', itemId: 'red1', at: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(listener).not.toHaveBeenCalled();
    expect(await sink.list()).toEqual([]);
  });
});
