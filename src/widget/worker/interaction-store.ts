import type { Interaction } from '../../core/data/interactions';

/**
 * The shopper's interaction log for one partner catalog, in the partner's origin. One database per
 * catalog name so two Glimpse widgets on one shop never mix profiles.
 *
 * Interim: raw IndexedDB, because src/storage (the project's one idb importer) has not landed a widget
 * repository yet. Change DB_VERSION only with a migration.
 */
export const DB_VERSION = 1;
const STORE = 'interactions';

export function widgetDatabaseName(catalogName: string): string {
  return `glimpse-widget:${catalogName}`;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export interface InteractionStore {
  add(event: Interaction): Promise<void>;
  all(): Promise<Interaction[]>;
  close(): void;
  readonly open: boolean;
}

export async function openInteractionStore(catalogName: string, idb: IDBFactory = indexedDB): Promise<InteractionStore> {
  const req = idb.open(widgetDatabaseName(catalogName), DB_VERSION);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { autoIncrement: true });
  };
  const db = await request(req);
  let open = true;
  // Another tab upgrading the schema: step aside instead of blocking it.
  db.onversionchange = () => {
    db.close();
    open = false;
  };
  return {
    get open() { return open; },
    async add(event) {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).add({ kind: event.kind, itemId: event.itemId, at: event.at, ...(event.value !== undefined ? { value: event.value } : {}) });
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
      });
    },
    async all() {
      return request(db.transaction(STORE, 'readonly').objectStore(STORE).getAll() as IDBRequest<Interaction[]>);
    },
    close() {
      if (open) db.close();
      open = false;
    },
  };
}
