import { describe, expect, it, vi } from 'vitest';
import { RecsClientError } from '../recs-client';
import { createLocalStore, LOCAL_STORE_KEY } from './local-store';

const memory = () => {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
};

describe('local store', () => {
  it('persists, removes by id and survives a reload', async () => {
    const kv = memory();
    const store = createLocalStore(kv);
    await store.record({ kind: 'like', itemId: 'a', at: 1 });
    await store.record({ kind: 'dismiss', itemId: 'b', at: 2 });
    const [first] = store.history();
    store.remove(first.id);
    const reloaded = createLocalStore(kv);
    expect((await reloaded.list()).map((e) => e.itemId)).toEqual(['b']);
  });

  it('records nothing while paused', async () => {
    const store = createLocalStore(memory());
    store.setPaused(true);
    await store.record({ kind: 'like', itemId: 'a', at: 1 });
    expect(await store.list()).toEqual([]);
    expect(store.paused()).toBe(true);
  });

  it('exports and imports without duplicates; a bad file changes nothing', async () => {
    const store = createLocalStore(memory());
    await store.record({ kind: 'like', itemId: 'a', at: 1 });
    const file = store.exportJson();
    const other = createLocalStore(memory());
    expect(other.importJson(file)).toBe(1);
    expect(other.importJson(file)).toBe(0);
    expect(() => other.importJson('{"format":"x"}')).toThrow(RecsClientError);
    expect(() => other.importJson('not json')).toThrow(/not a Glimpse export/);
    const bad = JSON.stringify({ format: 'glimpse-profile-export', events: [{ kind: 'love', itemId: 'a', at: 1 }] });
    expect(() => other.importJson(bad)).toThrow(/Event 1/);
    expect((await other.list()).length).toBe(1);
  });

  it('wipe deletes the stored record and notifies', async () => {
    const kv = memory();
    const store = createLocalStore(kv);
    const changed = vi.fn();
    store.onChange(changed);
    await store.record({ kind: 'like', itemId: 'a', at: 1 });
    store.wipe();
    expect(kv.map.has(LOCAL_STORE_KEY)).toBe(false);
    expect(await store.list()).toEqual([]);
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it('a corrupt record starts an empty profile instead of breaking the app', async () => {
    const kv = memory();
    kv.setItem(LOCAL_STORE_KEY, '{oops');
    expect(await createLocalStore(kv).list()).toEqual([]);
  });
});
