import { DB_NAME } from './schema';

/**
 * Databases and caches Glimpse (or TF.js on its behalf) may create. TF.js `indexeddb://` model storage
 * uses the database "tensorflowjs"; `localstorage://` uses keys under "tensorflowjs_models/".
 */
export const KNOWN_DATABASES = [DB_NAME, 'tensorflowjs'] as const;
export const DATABASE_PREFIXES = ['glimpse', 'tensorflowjs'] as const;
/** Cache Storage names: ours start with "glimpse"; the PWA's workbox precache starts with "workbox-". */
export const DEFAULT_CACHE_PREFIXES = ['glimpse', 'workbox-'] as const;
export const TFJS_LOCAL_STORAGE_PREFIX = 'tensorflowjs_models/';

export interface WipeEnvironment {
  indexedDB?: IDBFactory;
  caches?: CacheStorage;
  localStorage?: Storage;
}

export interface WipeReport {
  databases: string[];
  /** Databases another tab kept open past the timeout (they will be deleted when it closes). */
  blockedDatabases: string[];
  caches: string[];
  localStorageKeys: number;
}

function deleteDatabase(
  factory: IDBFactory,
  name: string,
  timeoutMs: number,
): Promise<'deleted' | 'blocked'> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    let timer: ReturnType<typeof setTimeout> | undefined;
    request.onsuccess = () => {
      if (timer) clearTimeout(timer);
      resolve('deleted');
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => {
      timer = setTimeout(() => resolve('blocked'), timeoutMs);
    };
  });
}

/**
 * Deletes every database, cache and TF.js model entry Glimpse created in this origin. Close your own
 * connections first; other tabs close theirs on the resulting versionchange event.
 */
export async function wipeEverything(
  env: WipeEnvironment = {
    indexedDB: globalThis.indexedDB,
    caches: globalThis.caches,
    localStorage: (globalThis as { localStorage?: Storage }).localStorage,
  },
  options: { cachePrefixes?: readonly string[]; blockedTimeoutMs?: number } = {},
): Promise<WipeReport> {
  const report: WipeReport = { databases: [], blockedDatabases: [], caches: [], localStorageKeys: 0 };
  const factory = env.indexedDB;
  if (factory) {
    const names = new Set<string>(KNOWN_DATABASES);
    try {
      for (const info of (await factory.databases?.()) ?? []) {
        if (info.name && DATABASE_PREFIXES.some((p) => info.name!.startsWith(p))) names.add(info.name);
      }
    } catch {
      // databases() is missing in some browsers; the known names still get deleted.
    }
    for (const name of names) {
      const outcome = await deleteDatabase(factory, name, options.blockedTimeoutMs ?? 3000);
      (outcome === 'deleted' ? report.databases : report.blockedDatabases).push(name);
    }
  }
  if (env.caches) {
    const prefixes = options.cachePrefixes ?? DEFAULT_CACHE_PREFIXES;
    for (const name of await env.caches.keys()) {
      if (prefixes.some((p) => name.startsWith(p)) && (await env.caches.delete(name)))
        report.caches.push(name);
    }
  }
  if (env.localStorage) {
    const keys: string[] = [];
    for (let i = 0; i < env.localStorage.length; i++) {
      const k = env.localStorage.key(i);
      if (k && (k.startsWith(TFJS_LOCAL_STORAGE_PREFIX) || k.startsWith('glimpse'))) keys.push(k);
    }
    keys.forEach((k) => env.localStorage!.removeItem(k));
    report.localStorageKeys = keys.length;
  }
  return report;
}
