import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { isInteractionKind } from '../core/data/interactions';
import type { GlimpseDBv2 } from './schema';

/** Untyped handle: migrations see every historic layout, not just the current DBSchema. */
type AnyDb = IDBPDatabase<unknown>;
type AnyTx = IDBPTransaction<unknown, string[], 'versionchange'>;

/** v1: the first prototype layout (log + settings). Kept so the v1 -> v2 step can run from an empty database. */
function createV1(db: AnyDb): void {
  db.createObjectStore('interactions', { keyPath: 'id', autoIncrement: true });
  db.createObjectStore('settings', { keyPath: 'key' });
}

/**
 * v1 -> v2: interaction fields renamed to the core event API ({type,item,time} -> {kind,itemId,at}),
 * indexes added, new stores created. Records with an unknown kind cannot be represented and are dropped.
 * Runs inside the versionchange transaction: schema changes first (synchronously), then the record rewrite;
 * only IDB requests are awaited here.
 */
async function migrateV1toV2(db: AnyDb, tx: AnyTx): Promise<void> {
  const log = tx.objectStore('interactions');
  log.createIndex('by-at', 'at');
  log.createIndex('by-item', 'itemId');
  db.createObjectStore('catalogs', { keyPath: 'id' });
  const features = db.createObjectStore('features', { keyPath: 'key' });
  features.createIndex('by-extractor', ['extractorId', 'extractorVersion', 'dims']);
  db.createObjectStore('profile', { keyPath: 'key' });
  db.createObjectStore('models', { keyPath: 'model' });
  db.createObjectStore('parameters', { keyPath: ['model', 'chunk'] });
  db.createObjectStore('meta', { keyPath: 'key' });
  let cursor = await log.openCursor();
  while (cursor) {
    const old = cursor.value as {
      id: number;
      type?: unknown;
      item?: unknown;
      time?: unknown;
      value?: unknown;
    };
    if (isInteractionKind(old.type) && typeof old.item === 'string' && typeof old.time === 'number') {
      const next: Record<string, unknown> = { id: old.id, kind: old.type, itemId: old.item, at: old.time };
      if (typeof old.value === 'number') next.value = old.value;
      await cursor.update(next);
    } else if (!('kind' in (cursor.value as object))) {
      await cursor.delete();
    }
    cursor = await cursor.continue();
  }
}

/** Runs every step from `oldVersion` up to the current version, in order. */
export function upgrade(
  db: IDBPDatabase<GlimpseDBv2>,
  oldVersion: number,
  tx: IDBPTransaction<GlimpseDBv2, StoreNames<GlimpseDBv2>[], 'versionchange'>,
): Promise<void> {
  const anyDb = db as unknown as AnyDb;
  const anyTx = tx as unknown as AnyTx;
  if (oldVersion < 1) createV1(anyDb);
  return oldVersion < 2 ? migrateV1toV2(anyDb, anyTx) : Promise.resolve();
}
