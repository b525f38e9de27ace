import { CACHE_NAMES } from './caching';
import { browserConnectivity } from './connectivity';
import { registerGlimpseSW } from './register-sw';
import { requestPersistentStorage } from './storage-persistence';
import { mountOfflineBadge, mountUpdateToast } from './ui';
import { warmCatalogThumbnails } from './warm-cache';

/**
 * Entry injected into index.html by pwaPlugin() (set `boot: false` to mount these from the app):
 * registers the service worker, mounts the update toast and the offline badge, and once the worker
 * controls the page asks for persistent storage and warms the catalog thumbnails in the background.
 * Progress is mirrored on <html data-pwa-warm="..."> for tests and debugging.
 */

const DEMO_CATALOG_PATH = 'generated/catalog/catalog.json';
const UPDATE_CHECK_MS = 60 * 60 * 1000;

function whenControlled(): Promise<void> {
  return new Promise((resolve) => {
    if (navigator.serviceWorker.controller) return resolve();
    navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
  });
}

async function warmUp(): Promise<void> {
  const root = document.documentElement;
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection;
  if (!navigator.onLine || connection?.saveData) {
    root.dataset.pwaWarm = 'skipped';
    return;
  }
  root.dataset.pwaWarm = 'running';
  const thumbs = await caches.open(CACHE_NAMES.thumbnails);
  try {
    const report = await warmCatalogThumbnails({
      catalogUrl: new URL(import.meta.env.BASE_URL + DEMO_CATALOG_PATH, window.location.href).href,
      isCached: async (url) => (await thumbs.match(url)) !== undefined,
      batchSize: 6,
      pauseMs: 25,
      shouldContinue: () => navigator.onLine,
    });
    root.dataset.pwaWarm = `${report.complete ? 'done' : 'stopped'}:${report.fetched + report.alreadyCached}/${report.total}`;
  } catch {
    root.dataset.pwaWarm = 'no-catalog';
  }
}

function boot(): void {
  mountOfflineBadge(browserConnectivity());
  if (!('serviceWorker' in navigator)) return;
  const sw = registerGlimpseSW();
  mountUpdateToast(sw);
  setInterval(() => void sw.checkForUpdate(), UPDATE_CHECK_MS);
  void whenControlled().then(async () => {
    await requestPersistentStorage();
    // Let the app's own first requests (catalog, model) go first.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await warmUp();
  });
}

boot();
