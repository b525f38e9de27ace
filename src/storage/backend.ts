import type { StoreName } from './schema';

/**
 * The small surface the repositories need from a database. Two implementations: IndexedDB (idb) and an
 * in-memory fallback for browsers that refuse IndexedDB; both behave the same so the repositories,
 * validation and repair logic exist once.
 */
export type StoreKey = string | number | [string, number];

export type WriteOp =
  | { op: 'put'; store: StoreName; value: object }
  /** Insert with an auto-increment key (interactions); the key is returned from write(). */
  | { op: 'add'; store: StoreName; value: object }
  | { op: 'delete'; store: StoreName; key: StoreKey }
  /** Deletes keys in [lower, upper] inclusive. */
  | { op: 'deleteRange'; store: StoreName; lower: StoreKey; upper: StoreKey }
  | { op: 'clear'; store: StoreName };

export interface Rows {
  keys: StoreKey[];
  values: unknown[];
}

export interface StorageBackend {
  readonly kind: 'indexeddb' | 'memory';
  /** False for the in-memory fallback: the UI says "nothing will be kept". */
  readonly persistent: boolean;
  readAll(store: StoreName): Promise<Rows>;
  readRange(store: StoreName, lower: StoreKey, upper: StoreKey): Promise<Rows>;
  get(store: StoreName, key: StoreKey): Promise<unknown>;
  /**
   * Values of `keys` in order (undefined where absent), read in one transaction. For large values: Chromium's
   * getAll over 100 chunks of 256 KB takes ~8x as long as 100 get()s (see the storage bench).
   */
  getMany(store: StoreName, keys: readonly StoreKey[]): Promise<unknown[]>;
  /**
   * Applies all ops atomically in one short transaction and resolves only once it has committed
   * (durable), with the keys of add/put ops in order. On failure nothing is applied.
   */
  write(ops: WriteOp[]): Promise<StoreKey[]>;
  close(): void;
}
