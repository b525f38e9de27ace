import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { createFakeIndexedDB, openRawDatabase, putRaw } from '../testing/fake-browser-storage';
import {
  DB_NAME,
  DB_VERSION,
  GlimpseStore,
  StorageBlockedError,
  StorageQuotaError,
  StorageUnavailableError,
  StorageVersionChangeError,
  openStore,
  requestPersistentStorage,
  type RepairNotice,
} from './index';

const open: GlimpseStore[] = [];
async function fresh(factory = createFakeIndexedDB(), onRepair?: (n: RepairNotice) => void) {
  const store = await openStore({ factory, onRepair });
  open.push(store);
  return store;
}
afterEach(() => {
  open.splice(0).forEach((s) => s.close());
  vi.restoreAllMocks();
});

describe('interaction log', () => {
  it('appends with ids, loads oldest first, removes one, and survives a reopen', async () => {
    const factory = createFakeIndexedDB();
    const a = await fresh(factory);
    expect(a.persistent).toBe(true);
    const r1 = await a.appendInteraction({ kind: 'like', itemId: 'x', at: 200 });
    const r2 = await a.appendInteraction({ kind: 'view', itemId: 'y', at: 100 });
    await a.appendInteraction({ kind: 'rating', itemId: 'z', at: 300, value: 5 });
    expect(r2.id).toBeGreaterThan(r1.id);
    await a.removeInteraction(r1.id);
    a.close();
    const b = await fresh(factory);
    expect(await b.loadInteractions()).toEqual([
      { id: r2.id, kind: 'view', itemId: 'y', at: 100 },
      { id: r2.id + 1, kind: 'rating', itemId: 'z', at: 300, value: 5 },
    ]);
  });

  it('rejects a malformed event with a typed error and writes nothing', async () => {
    const s = await fresh();
    await expect(s.appendInteraction({ kind: 'hack' as 'like', itemId: 'x', at: 1 })).rejects.toThrow(
      /Invalid interaction: kind/,
    );
    await expect(s.appendInteraction({ kind: 'like', itemId: '', at: 1 })).rejects.toThrow(/itemId/);
    expect(await s.loadInteractions()).toEqual([]);
  });

  it('maps QuotaExceededError to StorageQuotaError and keeps the log unchanged', async () => {
    const s = await fresh();
    await s.appendInteraction({ kind: 'like', itemId: 'kept', at: 1 });
    vi.spyOn(FakeObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const err = await s.appendInteraction({ kind: 'like', itemId: 'lost', at: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageQuotaError);
    expect((err as Error).message).toMatch(/quota exceeded/);
    vi.restoreAllMocks();
    expect((await s.loadInteractions()).map((i) => i.itemId)).toEqual(['kept']);
  });
});

describe('profile state and settings', () => {
  it('defaults, saves pause, resets everything learned', async () => {
    const s = await fresh();
    expect((await s.loadProfileState()).paused).toBe(false);
    await s.saveProfileState({ paused: true });
    expect((await s.loadProfileState()).paused).toBe(true);
    await s.appendInteraction({ kind: 'like', itemId: 'x', at: 1 });
    await s.saveParameters('user', { rows: 1, cols: 2, data: new Float32Array([1, 2]) });
    await s.resetProfile();
    expect(await s.loadInteractions()).toEqual([]);
    expect(await s.loadParameters('user')).toBeUndefined();
    expect((await s.loadProfileState()).paused).toBe(false);
  });
});

describe('model parameters', () => {
  it('stores ~1000-row chunks as compact copies and reads the same matrix back', async () => {
    const s = await fresh();
    const rows = 2500,
      cols = 4;
    const data = Float32Array.from({ length: rows * cols }, (_, i) => i * 0.5);
    const h1 = await s.saveParameters('items', { rows, cols, data, info: { ids: ['a'] } });
    const h2 = await s.saveParameters('items', { rows, cols, data });
    expect([h1.version, h2.version]).toEqual([1, 2]);
    const raw = await s.backend.readAll('parameters');
    expect(raw.values).toHaveLength(3);
    for (const chunk of raw.values as { rows: number; data: Float32Array }[]) {
      // A subarray() would have dragged the whole 40 KB buffer into every record.
      expect(chunk.data.buffer.byteLength).toBe(chunk.rows * cols * 4);
    }
    const back = await s.loadParameters('items');
    expect(back?.data).toEqual(data);
    expect(back?.version).toBe(2);
    // The same rows as stored, chunk by chunk and in order, for consumers that need no single array.
    const chunked = await s.loadParameterChunks('items');
    expect(chunked).toMatchObject({ rows, cols, version: 2, info: {} });
    expect(chunked!.chunks.map((c) => [c.rowStart, c.rows])).toEqual([[0, 1000], [1000, 1000], [2000, 500]]);
    for (const c of chunked!.chunks) expect(c.data).toEqual(data.subarray(c.rowStart * cols, (c.rowStart + c.rows) * cols));
  });

  it('a one-chunk matrix comes back as that chunk, not copied; the caller cannot change what is stored', async () => {
    const s = await fresh();
    await s.saveParameters('user', { rows: 1, cols: 3, data: new Float32Array([1, 2, 3]) });
    const a = await s.loadParameters('user');
    const b = await s.loadParameterChunks('user');
    expect(a?.data).toEqual(new Float32Array([1, 2, 3]));
    expect(a!.data.buffer.byteLength).toBe(12);
    a!.data[0] = 99;
    b!.chunks[0]!.data[1] = 99;
    expect((await s.loadParameters('user'))?.data).toEqual(new Float32Array([1, 2, 3]));
  });

  it('drops only the model whose chunk is corrupt; another model survives', async () => {
    const factory = createFakeIndexedDB();
    const notices: RepairNotice[] = [];
    const s = await fresh(factory, (n) => notices.push(n));
    await s.saveParameters('a', { rows: 3, cols: 2, data: new Float32Array(6).fill(1) });
    await s.saveParameters('b', { rows: 3, cols: 2, data: new Float32Array(6).fill(2) });
    const raw = await openRawDatabase(factory, DB_NAME, DB_VERSION);
    await putRaw(raw, 'parameters', [
      { model: 'a', chunk: 0, rowStart: 0, rows: 3, cols: 2, data: 'garbage' },
    ]);
    raw.close();
    expect(await s.loadParameters('a')).toBeUndefined();
    expect(notices.map((n) => n.store)).toContain('parameters');
    expect((await s.loadParameters('b'))?.data).toEqual(new Float32Array(6).fill(2));
    expect((await s.readValid('models')).map((m) => m.model)).toEqual(['b']);
  });

  it('drops a model whose header names a chunk that is missing, and says so', async () => {
    const notices: RepairNotice[] = [];
    const s = await fresh(createFakeIndexedDB(), (n) => notices.push(n));
    await s.saveParameters('items', { rows: 2500, cols: 2, data: new Float32Array(5000).fill(3) });
    await s.backend.write([{ op: 'delete', store: 'parameters', key: ['items', 1] }]);
    expect(await s.loadParameters('items')).toBeUndefined();
    expect(notices).toEqual([expect.objectContaining({ store: 'parameters', key: 'items', problem: expect.stringMatching(/incomplete/) })]);
    expect((await s.backend.readAll('parameters')).keys).toEqual([]);
  });
});

describe('corrupt records', () => {
  it('drops only the bad interaction, reports it and keeps the rest', async () => {
    const factory = createFakeIndexedDB();
    const notices: RepairNotice[] = [];
    const s = await fresh(factory, (n) => notices.push(n));
    await s.appendInteraction({ kind: 'like', itemId: 'a', at: 1 });
    await s.appendInteraction({ kind: 'save', itemId: 'b', at: 2 });
    const raw = await openRawDatabase(factory, DB_NAME, DB_VERSION);
    await putRaw(raw, 'interactions', [{ id: 99, kind: 'like', itemId: 42, at: 'yesterday' }]);
    raw.close();
    expect((await s.loadInteractions()).map((i) => i.itemId)).toEqual(['a', 'b']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ store: 'interactions', key: 99 });
    // Repaired on disk, not just hidden.
    expect((await s.backend.readAll('interactions')).keys).not.toContain(99);
  });

  it('a corrupt setting reads as unset and is removed', async () => {
    const { z } = await import('zod');
    const s = await fresh();
    await s.saveSetting('backend', 42);
    expect(await s.loadSetting('backend', z.enum(['wasm', 'cpu']))).toBeUndefined();
    expect(await s.backend.get('settings', 'backend')).toBeUndefined();
  });
});

describe('feature cache', () => {
  it('keys by content hash and extractor; never returns another extractor version', async () => {
    const s = await fresh();
    const v1 = { id: 'mnv2', version: 1, dims: 3 };
    await s.saveFeatures([
      { hash: 'h1', extractor: v1, itemId: 'a', embedding: new Float32Array([1, 2, 3]) },
    ]);
    expect((await s.loadFeatures(v1)).get('h1')?.embedding).toEqual(new Float32Array([1, 2, 3]));
    expect((await s.loadFeatures({ ...v1, version: 2 })).size).toBe(0);
    expect((await s.loadFeatures({ ...v1, id: 'mnv' })).size).toBe(0);
  });
});

describe('migrations', () => {
  it('opens a v1 database written by hand: events converted, settings kept, bad rows dropped', async () => {
    const factory = createFakeIndexedDB();
    const v1 = await openRawDatabase(factory, DB_NAME, 1, (db) => {
      db.createObjectStore('interactions', { keyPath: 'id', autoIncrement: true });
      db.createObjectStore('settings', { keyPath: 'key' });
    });
    await putRaw(v1, 'interactions', [
      { id: 1, type: 'like', item: 'shirt', time: 1000 },
      { id: 2, type: 'rating', item: 'dress', time: 2000, value: 4 },
      { id: 3, type: 'teleport', item: 'x', time: 3000 },
    ]);
    await putRaw(v1, 'settings', [{ key: 'theme', value: 'dark' }]);
    v1.close();

    const s = await fresh(factory);
    expect(await s.loadInteractions()).toEqual([
      { id: 1, kind: 'like', itemId: 'shirt', at: 1000 },
      { id: 2, kind: 'rating', itemId: 'dress', at: 2000, value: 4 },
    ]);
    const { z } = await import('zod');
    expect(await s.loadSetting('theme', z.string())).toBe('dark');
    // New ids continue after the migrated ones; the new stores work.
    expect((await s.appendInteraction({ kind: 'view', itemId: 'y', at: 4000 })).id).toBeGreaterThan(3);
    await s.saveParameters('user', { rows: 1, cols: 1, data: new Float32Array([7]) });
    expect((await s.loadParameters('user'))?.data).toEqual(new Float32Array([7]));
  });

  it('a blocked upgrade rejects with StorageBlockedError, then succeeds once the old tab closes', async () => {
    const factory = createFakeIndexedDB();
    const oldTab = await openRawDatabase(factory, DB_NAME, 1, (db) => {
      db.createObjectStore('interactions', { keyPath: 'id', autoIncrement: true });
      db.createObjectStore('settings', { keyPath: 'key' });
    });
    const onBlocked = vi.fn();
    const err = await openStore({ factory, onBlocked, blockedTimeoutMs: 30 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageBlockedError);
    expect((err as Error).message).toMatch(/another open Glimpse tab/);
    expect(onBlocked).toHaveBeenCalledTimes(1);
    oldTab.close();
    const s = await fresh(factory);
    expect(s.persistent).toBe(true);
  });

  it('closes and tells the app when another tab upgrades the database', async () => {
    const factory = createFakeIndexedDB();
    const onVersionChange = vi.fn();
    const s = await openStore({ factory, onVersionChange });
    open.push(s);
    const newer = await openRawDatabase(factory, DB_NAME, DB_VERSION + 1);
    expect(onVersionChange).toHaveBeenCalledTimes(1);
    await expect(s.loadInteractions()).rejects.toBeInstanceOf(StorageVersionChangeError);
    newer.close();
  });
});

describe('fallback and persistence', () => {
  it('falls back to memory when IndexedDB refuses to open, with the same behaviour', async () => {
    const refusing = {
      open: () => {
        throw new DOMException('private mode', 'InvalidStateError');
      },
    } as unknown as IDBFactory;
    const s = await openStore({ factory: refusing });
    expect(s.persistent).toBe(false);
    expect(s.fallbackReason).toBeInstanceOf(StorageUnavailableError);
    expect(s.fallbackReason?.message).toMatch(/nothing will be kept/);
    const r = await s.appendInteraction({ kind: 'like', itemId: 'a', at: 1 });
    expect((await s.loadInteractions()).map((i) => i.id)).toEqual([r.id]);
    await s.saveParameters('u', { rows: 2, cols: 1, data: new Float32Array([1, 2]) });
    expect((await s.loadParameters('u'))?.data).toEqual(new Float32Array([1, 2]));
    s.close();
  });

  it('requests persistent storage and tolerates refusal or absence', async () => {
    expect(await requestPersistentStorage({ persist: async () => true })).toBe(true);
    expect(await requestPersistentStorage({ persist: async () => Promise.reject(new Error('no')) })).toBe(
      false,
    );
    expect(await requestPersistentStorage(undefined)).toBe(false);
  });
});

describe('two tabs', () => {
  it('a write in one tab notifies the other, which then reads it from IndexedDB', async () => {
    const factory = createFakeIndexedDB();
    const tabA = await fresh(factory);
    const tabB = await fresh(factory);
    const seen = new Promise<string>((resolve) => tabB.onExternalChange(resolve));
    await tabA.appendInteraction({ kind: 'like', itemId: 'shared', at: 5 });
    expect(await seen).toBe('interactions');
    expect((await tabB.loadInteractions()).map((i) => i.itemId)).toEqual(['shared']);
  });
});
