import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';

/** A fresh, isolated IndexedDB per test ("a new browser profile"). */
export function createFakeIndexedDB(): IDBFactory {
  return new IDBFactory();
}

/** Minimal Cache Storage stand-in: names only (wipe needs keys/delete). */
export function createFakeCaches(names: string[]): CacheStorage & { names: Set<string> } {
  const set = new Set(names);
  return {
    names: set,
    keys: async () => [...set],
    delete: async (name: string) => set.delete(name),
    has: async (name: string) => set.has(name),
    open: async (name: string) => {
      set.add(name);
      return {} as Cache;
    },
    match: async () => undefined,
  } as unknown as CacheStorage & { names: Set<string> };
}

/** Opens a database with a raw (idb-free) v1 layout, as the first prototype wrote it. */
export function openRawDatabase(
  factory: IDBFactory,
  name: string,
  version: number,
  onUpgrade?: (db: IDBDatabase) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(name, version);
    req.onupgradeneeded = () => onUpgrade?.(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Puts raw records into a store, bypassing every validator (to plant corrupt data). */
export function putRaw(db: IDBDatabase, store: string, values: unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    for (const v of values) tx.objectStore(store).put(v);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}
