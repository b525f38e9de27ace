import { wrap, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Rows, StorageBackend, StoreKey, WriteOp } from './backend';
import { StorageBlockedError, StorageClosedError, StorageVersionChangeError, toStorageError } from './errors';
import { upgrade } from './migrations';
import { DB_NAME, DB_VERSION, type GlimpseDBv2, type StoreName } from './schema';

export interface OpenIdbOptions {
  /** Injected for tests (fake-indexeddb); defaults to the global indexedDB. */
  factory?: IDBFactory;
  name?: string;
  /** Called when an upgrade waits on another tab still holding the old version. */
  onBlocked?: (error: StorageBlockedError) => void;
  /** How long to wait on a blocked upgrade before rejecting with StorageBlockedError. */
  blockedTimeoutMs?: number;
  /** Another tab upgraded or deleted the database: this connection was closed; tell the user to reload. */
  onVersionChange?: (error: StorageVersionChangeError) => void;
}

type Db = IDBPDatabase<GlimpseDBv2>;
type Tx = IDBPTransaction<GlimpseDBv2, StoreNames<GlimpseDBv2>[], 'readwrite'>;

/**
 * Opens the Glimpse database (running migrations). Rejects with StorageBlockedError if another tab keeps
 * the old version open longer than blockedTimeoutMs; if that tab later lets go, the late connection is closed.
 */
export async function openIdbDatabase(options: OpenIdbOptions = {}): Promise<Db> {
  const factory = options.factory ?? globalThis.indexedDB;
  const request = factory.open(options.name ?? DB_NAME, DB_VERSION);
  let upgradeError: unknown;
  request.addEventListener('upgradeneeded', (event) => {
    const tx = wrap(request.transaction!) as unknown as IDBPTransaction<
      GlimpseDBv2,
      StoreNames<GlimpseDBv2>[],
      'versionchange'
    >;
    upgrade(wrap(request.result) as unknown as Db, event.oldVersion, tx).catch((e: unknown) => {
      upgradeError = e;
      try {
        request.transaction?.abort();
      } catch {
        // already finished
      }
    });
  });
  const opened = wrap(request) as unknown as Promise<Db>;
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const blocked = new Promise<never>((_, reject) => {
    request.addEventListener('blocked', (event) => {
      const error = new StorageBlockedError(event.oldVersion, event.newVersion ?? DB_VERSION);
      options.onBlocked?.(error);
      timer = setTimeout(() => {
        timedOut = true;
        reject(error);
      }, options.blockedTimeoutMs ?? 10_000);
    });
  });
  // A connection that arrives after we gave up must not keep blocking the other tab's next attempt.
  opened.then(
    (db) => timedOut && db.close(),
    () => undefined,
  );
  try {
    const db = await Promise.race([opened, blocked]);
    return db;
  } catch (e) {
    throw toStorageError(upgradeError ?? e);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export async function openIdbBackend(options: OpenIdbOptions = {}): Promise<StorageBackend> {
  const db = await openIdbDatabase(options);
  return new IdbBackend(db, options.onVersionChange);
}

class IdbBackend implements StorageBackend {
  readonly kind = 'indexeddb';
  readonly persistent = true;
  private closedBy: Error | undefined;

  constructor(
    private readonly db: Db,
    onVersionChange?: (error: StorageVersionChangeError) => void,
  ) {
    db.addEventListener('versionchange', () => {
      // Close at once so the other tab's upgrade or delete is not blocked, then tell the app.
      const error = new StorageVersionChangeError();
      this.closedBy = error;
      db.close();
      onVersionChange?.(error);
    });
    db.addEventListener('close', () => {
      this.closedBy ??= new StorageClosedError();
    });
  }

  private live(): Db {
    if (this.closedBy) throw this.closedBy;
    return this.db;
  }

  async readAll(store: StoreName): Promise<Rows> {
    try {
      const tx = this.live().transaction(store, 'readonly');
      const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
      return { keys: keys as StoreKey[], values };
    } catch (e) {
      throw toStorageError(e);
    }
  }

  async readRange(store: StoreName, lower: StoreKey, upper: StoreKey): Promise<Rows> {
    try {
      const range = IDBKeyRange.bound(lower, upper);
      const tx = this.live().transaction(store, 'readonly');
      const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range), tx.done]);
      return { keys: keys as StoreKey[], values };
    } catch (e) {
      throw toStorageError(e);
    }
  }

  async get(store: StoreName, key: StoreKey): Promise<unknown> {
    try {
      return await this.live().get(store, key as never);
    } catch (e) {
      throw toStorageError(e);
    }
  }

  async getMany(store: StoreName, keys: readonly StoreKey[]): Promise<unknown[]> {
    try {
      const tx = this.live().transaction(store, 'readonly');
      const [values] = await Promise.all([Promise.all(keys.map((k) => tx.store.get(k as never))), tx.done]);
      return values;
    } catch (e) {
      throw toStorageError(e);
    }
  }

  async write(ops: WriteOp[]): Promise<StoreKey[]> {
    if (ops.length === 0) return [];
    const stores = [...new Set(ops.map((o) => o.store))];
    let tx: Tx;
    try {
      // 'strict': the promise resolves only after the data reached disk, so a confirmed write survives a crash.
      tx = this.live().transaction(stores, 'readwrite', { durability: 'strict' });
    } catch (e) {
      throw toStorageError(e);
    }
    // Every request is issued synchronously; nothing unrelated is awaited while the transaction is open.
    const keyed: Promise<unknown>[] = [];
    try {
      for (const o of ops) {
        const s = tx.objectStore(o.store);
        if (o.op === 'put') keyed.push(s.put(o.value as never));
        else if (o.op === 'add') keyed.push(s.add(o.value as never));
        else if (o.op === 'delete') void s.delete(o.key as never).catch(() => undefined);
        else if (o.op === 'deleteRange')
          void s.delete(IDBKeyRange.bound(o.lower, o.upper)).catch(() => undefined);
        else void s.clear().catch(() => undefined);
      }
    } catch (e) {
      // A synchronous failure (e.g. DataCloneError, QuotaExceededError): abort so nothing is applied.
      try {
        tx.abort();
      } catch {
        // already aborted
      }
      await tx.done.catch(() => undefined);
      throw toStorageError(e);
    }
    keyed.forEach((p) => p.catch(() => undefined));
    try {
      const [keys] = await Promise.all([Promise.all(keyed), tx.done]);
      return keys as StoreKey[];
    } catch (e) {
      throw toStorageError(tx.error ?? e);
    }
  }

  close(): void {
    this.closedBy ??= new StorageClosedError();
    this.db.close();
  }
}
