import { afterEach, describe, expect, it } from 'vitest';
import { createFakeCaches, createFakeIndexedDB, openRawDatabase } from '../testing/fake-browser-storage';
import {
  DB_NAME,
  ImportValidationError,
  exportEverything,
  importEverything,
  openStore,
  wipeEverything,
  type GlimpseStore,
} from './index';

const open: GlimpseStore[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));

async function seeded(factory = createFakeIndexedDB()) {
  const s = await openStore({ factory });
  open.push(s);
  await s.appendInteraction({ kind: 'like', itemId: 'a', at: 10 });
  await s.appendInteraction({ kind: 'rating', itemId: 'b', at: 20, value: 2 });
  await s.saveProfileState({ paused: true });
  await s.saveSetting('backend', 'wasm');
  await s.saveParameters('user', {
    rows: 3,
    cols: 2,
    data: new Float32Array([1, -2, 3.5, 4, 5, 6e-7]),
    info: { ids: ['u'] },
  });
  await s.saveFeatures([
    {
      hash: 'h',
      extractor: { id: 'mnv2', version: 1, dims: 2 },
      itemId: 'a',
      embedding: new Float32Array([0.25, -1]),
      attributes: {
        colors: [{ name: 'red', hex: '#ff0000', weight: 0.7 }],
        colorHistogram: new Float32Array([0.5, 0.5]),
        texture: new Float32Array([1]),
        shape: new Float32Array([2, 3]),
        aspectRatio: 0.8,
        foreground: 0.6,
      },
    },
  ]);
  return s;
}

async function snapshot(s: GlimpseStore) {
  return {
    log: await s.loadInteractions(),
    profile: (await s.loadProfileState()).paused,
    params: (await s.loadParameters('user'))?.data,
    features: [...(await s.loadFeatures({ id: 'mnv2', version: 1, dims: 2 })).values()],
  };
}

describe('export / import', () => {
  it('round-trips everything through one JSON file into a fresh browser', async () => {
    const src = await seeded();
    const file = JSON.stringify(await exportEverything(src));
    expect(file).not.toContain('Float32Array');
    const dst = await openStore({ factory: createFakeIndexedDB() });
    open.push(dst);
    await dst.appendInteraction({ kind: 'view', itemId: 'replaced', at: 1 });
    expect(await importEverything(dst, file)).toEqual({ interactions: 2, models: 1 });
    expect(await snapshot(dst)).toEqual(await snapshot(src));
  });

  it('a bad file changes nothing and says why', async () => {
    const s = await seeded();
    const before = await snapshot(s);
    const good = await exportEverything(s);
    const bad: unknown[] = [
      'not json {',
      { hello: 'world' },
      { ...good, formatVersion: 99 },
      { ...good, interactions: [{ id: 1, kind: 'like', itemId: 'a', at: -5 }] },
      { ...good, interactions: [...good.interactions, good.interactions[0]] },
      { ...good, models: [{ ...good.models[0], data: 'AAAA' }] },
      { ...good, features: [{ ...good.features[0], embedding: 'AAA' }] },
    ];
    for (const input of bad) {
      const err = await importEverything(s, input).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportValidationError);
      expect((err as Error).message).toMatch(/not a valid Glimpse export, nothing was changed/);
    }
    expect(await snapshot(s)).toEqual(before);
  });
});

describe('wipeEverything', () => {
  it('deletes Glimpse and TF.js databases, Glimpse/workbox caches and TF.js localStorage keys only', async () => {
    const factory = createFakeIndexedDB();
    const s = await seeded(factory);
    s.close();
    (await openRawDatabase(factory, 'tensorflowjs', 1, (db) => db.createObjectStore('models_store'))).close();
    (await openRawDatabase(factory, 'glimpse-widget', 1)).close();
    (await openRawDatabase(factory, 'partner-app', 1)).close();
    const caches = createFakeCaches(['glimpse-images', 'workbox-precache-v2-x', 'partner-cache']);
    const ls = new Map([
      ['tensorflowjs_models/m/info', '1'],
      ['partner', '2'],
    ]);
    const localStorage = {
      get length() {
        return ls.size;
      },
      key: (i: number) => [...ls.keys()][i] ?? null,
      removeItem: (k: string) => void ls.delete(k),
    } as Storage;

    const report = await wipeEverything({ indexedDB: factory, caches, localStorage });
    expect(report.databases.sort()).toEqual([DB_NAME, 'glimpse-widget', 'tensorflowjs']);
    expect(report.blockedDatabases).toEqual([]);
    expect((await factory.databases()).map((d) => d.name)).toEqual(['partner-app']);
    expect([...caches.names]).toEqual(['partner-cache']);
    expect([...ls.keys()]).toEqual(['partner']);
    // A fresh open starts empty.
    const again = await openStore({ factory });
    open.push(again);
    expect(await again.loadInteractions()).toEqual([]);
  });

  it('another tab closes its connection so the wipe is not blocked', async () => {
    const factory = createFakeIndexedDB();
    const otherTab = await seeded(factory);
    const report = await wipeEverything({ indexedDB: factory }, { blockedTimeoutMs: 200 });
    expect(report.blockedDatabases).toEqual([]);
    await expect(otherTab.loadInteractions()).rejects.toThrow(/Reload the page/);
  });
});
