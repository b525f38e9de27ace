import type { Rows, StorageBackend, StoreKey, WriteOp } from './backend';
import { StorageClosedError } from './errors';
import { STORE_NAMES, type StoreName } from './schema';

/** Primary key field per store, mirroring the IndexedDB keyPaths in migrations.ts. */
const KEY_PATHS: Record<StoreName, string | [string, string]> = {
  interactions: 'id',
  settings: 'key',
  catalogs: 'id',
  features: 'key',
  profile: 'key',
  models: 'model',
  parameters: ['model', 'chunk'],
  meta: 'key',
};

/** IndexedDB key order: numbers < strings < arrays (element-wise). */
export function compareKeys(a: StoreKey, b: StoreKey): number {
  const rank = (k: StoreKey) => (typeof k === 'number' ? 0 : typeof k === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareKeys(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

const keyId = (k: StoreKey) => JSON.stringify(k);

/**
 * The fallback when IndexedDB is refused (some private modes): same behaviour, nothing kept after the tab
 * closes. Values are structured-cloned on the way in and out, like IndexedDB, so callers cannot alias them.
 */
export class MemoryBackend implements StorageBackend {
  readonly kind = 'memory';
  readonly persistent = false;
  private readonly stores = new Map<StoreName, Map<string, { key: StoreKey; value: unknown }>>(
    STORE_NAMES.map((n) => [n, new Map()]),
  );
  private nextId = 1;
  private closed = false;

  private live(): void {
    if (this.closed) throw new StorageClosedError();
  }

  private sorted(store: StoreName) {
    return [...this.stores.get(store)!.values()].sort((a, b) => compareKeys(a.key, b.key));
  }

  async readAll(store: StoreName): Promise<Rows> {
    this.live();
    const rows = this.sorted(store);
    return { keys: rows.map((r) => r.key), values: rows.map((r) => structuredClone(r.value)) };
  }

  async readRange(store: StoreName, lower: StoreKey, upper: StoreKey): Promise<Rows> {
    this.live();
    const rows = this.sorted(store).filter(
      (r) => compareKeys(r.key, lower) >= 0 && compareKeys(r.key, upper) <= 0,
    );
    return { keys: rows.map((r) => r.key), values: rows.map((r) => structuredClone(r.value)) };
  }

  async get(store: StoreName, key: StoreKey): Promise<unknown> {
    this.live();
    const row = this.stores.get(store)!.get(keyId(key));
    return row ? structuredClone(row.value) : undefined;
  }

  async getMany(store: StoreName, keys: readonly StoreKey[]): Promise<unknown[]> {
    return Promise.all(keys.map((k) => this.get(store, k)));
  }

  async write(ops: WriteOp[]): Promise<StoreKey[]> {
    this.live();
    // Apply to copies first so a failing op leaves everything untouched (atomic like a transaction).
    const staged = new Map([...this.stores].map(([n, m]) => [n, new Map(m)]));
    let nextId = this.nextId;
    const keys: StoreKey[] = [];
    for (const o of ops) {
      const s = staged.get(o.store)!;
      if (o.op === 'put' || o.op === 'add') {
        const value = structuredClone(o.value) as Record<string, unknown>;
        const path = KEY_PATHS[o.store];
        if (o.op === 'add' && path === 'id' && value.id === undefined) value.id = nextId++;
        const key = (Array.isArray(path) ? path.map((p) => value[p]) : value[path]) as StoreKey;
        if (key === undefined) throw new Error(`missing key ${String(path)} for ${o.store}`);
        if (o.op === 'add' && s.has(keyId(key))) throw new Error(`key already exists in ${o.store}`);
        if (typeof key === 'number' && key >= nextId) nextId = key + 1;
        s.set(keyId(key), { key, value });
        keys.push(key);
      } else if (o.op === 'delete') s.delete(keyId(o.key));
      else if (o.op === 'deleteRange') {
        for (const [id, row] of s) {
          if (compareKeys(row.key, o.lower) >= 0 && compareKeys(row.key, o.upper) <= 0) s.delete(id);
        }
      } else s.clear();
    }
    for (const [n, m] of staged) this.stores.set(n, m);
    this.nextId = nextId;
    return keys;
  }

  close(): void {
    this.closed = true;
  }
}
