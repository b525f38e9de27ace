import { openStore } from '../../src/storage';

/**
 * IndexedDB measurements in the page: the store's chunked parameter layout (GlimpseStore.saveParameters /
 * loadParameters) vs the naive layout, one record per item vector. Times are per call in ms.
 */
const NAIVE_DB = 'bench-naive-items';

function table(rows: number, cols: number): Float32Array<ArrayBuffer> {
  const a = new Float32Array(rows * cols);
  for (let k = 0; k < a.length; k++) a[k] = ((k * 2654435761) % 1000) / 1000 - 0.5;
  return a;
}

/** Opens a database with the raw API; `upgrade` creates its stores on first open. */
function openRaw(name: string, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((res, rej) => {
    const r = upgrade ? indexedDB.open(name, 1) : indexedDB.open(name);
    if (upgrade) r.onupgradeneeded = () => upgrade(r.result);
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
}

const openNaive = () => openRaw(NAIVE_DB, (db) => db.createObjectStore('items'));

const done = (tx: IDBTransaction) =>
  new Promise<void>((res, rej) => {
    tx.oncomplete = () => res();
    tx.onerror = tx.onabort = () => rej(tx.error);
  });

export const storageCases = {
  /** Writes the item table and a user vector with the store; returns ms for each. */
  async chunkedWrite(rows: number, cols: number) {
    const data = table(rows, cols);
    const store = await openStore({ name: 'bench-chunked' });
    let t = performance.now();
    await store.saveParameters('items', { rows, cols, data });
    const items = performance.now() - t;
    t = performance.now();
    await store.saveParameters('user', { rows: 1, cols, data: table(1, cols) });
    const user = performance.now() - t;
    return { items, user, persistent: store.persistent };
  },
  /**
   * Opens the store and loads both; `open` is separate because the first open after a restart costs extra.
   * The item table as its stored chunks (loadParameterChunks), or `joined` into one matrix (loadParameters).
   */
  async chunkedRead(rows: number, joined = false) {
    let t = performance.now();
    const store = await openStore({ name: 'bench-chunked' });
    const open = performance.now() - t;
    t = performance.now();
    const p = joined ? await store.loadParameters('items') : await store.loadParameterChunks('items');
    const items = performance.now() - t;
    t = performance.now();
    const u = await store.loadParameters('user');
    const user = performance.now() - t;
    if (p?.rows !== rows || !u) throw new Error(`chunked read returned ${p?.rows} rows`);
    return { open, items, user, heapMB: heapMB() };
  },
  /**
   * The browser's own floor for the store's layout: the same chunk records by raw get()s in one transaction,
   * without the store (no header, validation or joining into one matrix).
   */
  async rawChunkRead(chunks: number) {
    const db = await openRaw('bench-chunked');
    const t = performance.now();
    const tx = db.transaction('parameters', 'readonly');
    const os = tx.objectStore('parameters');
    const got = await Promise.all(
      Array.from({ length: chunks }, (_, c) => new Promise<unknown>((res, rej) => {
        const q = os.get(['items', c]);
        q.onsuccess = () => res(q.result);
        q.onerror = () => rej(q.error);
      })),
    );
    const items = performance.now() - t;
    db.close();
    if (got.some((v) => v === undefined)) throw new Error('raw chunk read missed a chunk');
    // What the store adds on top is mostly joining into one fresh matrix: the first touch of new memory.
    const size = got.reduce((n: number, v) => n + (v as { data: Float32Array }).data.length, 0);
    const t1 = performance.now();
    new Float32Array(size).fill(1);
    return { items, firstTouch: performance.now() - t1 };
  },
  async naiveWrite(rows: number, cols: number) {
    const data = table(rows, cols);
    const db = await openNaive();
    const t = performance.now();
    const tx = db.transaction('items', 'readwrite');
    const os = tx.objectStore('items');
    for (let i = 0; i < rows; i++) os.put(data.slice(i * cols, (i + 1) * cols), i);
    await done(tx);
    db.close();
    return { items: performance.now() - t };
  },
  async naiveRead(rows: number) {
    let t = performance.now();
    const db = await openNaive();
    const open = performance.now() - t;
    t = performance.now();
    const tx = db.transaction('items', 'readonly');
    const req = tx.objectStore('items').getAll();
    await done(tx);
    const got = req.result as Float32Array[];
    const items = performance.now() - t;
    db.close();
    if (got.length !== rows) throw new Error(`naive read returned ${got.length} rows`);
    return { open, items };
  },
};

function heapMB(): number | undefined {
  const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return m ? m.usedJSHeapSize / 2 ** 20 : undefined;
}
