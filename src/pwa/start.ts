import { CACHE_NAMES } from './caching';
import { browserConnectivity } from './connectivity';
import { createQuietGate } from './quiet';
import { registerGlimpseSW } from './register-sw';
import { requestPersistentStorage } from './storage-persistence';
import { mountOfflineBadge, mountUpdateToast } from './ui';
import type { GlimpseSW } from './update-flow';
import { warmCatalogThumbnails, type WarmReport } from './warm-cache';

export interface StartPwaOptions {
  /** Mount the DOM update toast (false when the app shows its own, e.g. via usePwaUpdate). */
  updateToast?: boolean;
  /** Mount the DOM offline badge. */
  offlineBadge?: boolean;
  /** Absolute URL of the catalog whose thumbnails to warm; default: the one the app shows (see below). */
  catalogUrl?: string;
  /** Wait after the worker takes control before warming, so the app's own first requests go first. */
  warmDelayMs?: number;
}

export interface PwaStart {
  sw: GlimpseSW | undefined;
  /** Resolves when the warm-up ends (or is skipped: unsupported, offline, Save-Data, no catalog). */
  warmed: Promise<WarmReport | undefined>;
}

const DEMO_CATALOG_PATH = 'generated/catalog/catalog.json';
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * The catalog the app shows: `?catalog=` when same-origin, else the demo catalog. Mirrors
 * catalogUrlFromLocation in src/app/services/catalog.ts (kept separate so src/pwa does not import the app).
 */
export function defaultCatalogUrl(href: string, baseUrl: string): string {
  const page = new URL(href);
  const base = new URL(baseUrl, page);
  const requested = page.searchParams.get('catalog');
  const url = requested ? new URL(requested, base) : new URL(DEMO_CATALOG_PATH, base);
  return url.origin === page.origin ? url.href : new URL(DEMO_CATALOG_PATH, base).href;
}

function whenControlled(container: ServiceWorkerContainer): Promise<void> {
  return new Promise((resolve) => {
    if (container.controller) return resolve();
    container.addEventListener('controllerchange', () => resolve(), { once: true });
  });
}

/** Mirrors progress on <html data-pwa-warm="..."> for tests and debugging. */
async function warmUp(catalogUrl: string, sw: GlimpseSW): Promise<WarmReport | undefined> {
  const root = document.documentElement;
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection;
  if (!navigator.onLine || connection?.saveData) {
    root.dataset.pwaWarm = 'skipped';
    return undefined;
  }
  root.dataset.pwaWarm = 'running';
  const thumbs = await caches.open(CACHE_NAMES.thumbnails);
  const images = await caches.open(CACHE_NAMES.images);
  const quiet = createQuietGate({ target: window });
  try {
    const report = await warmCatalogThumbnails({
      catalogUrl,
      isCached: async (url) => (await thumbs.match(url)) !== undefined || (await images.match(url)) !== undefined,
      batchSize: 6,
      pauseMs: 25,
      // Stop while a new version waits: Chromium activates it only once the old worker has no fetches
      // in flight, and the new version resumes the warm-up after the reload (cached URLs are skipped).
      shouldContinue: () => navigator.onLine && !sw.needRefresh,
      // A batch and its cache writes take a core on a small device: never while the shopper is using the page.
      beforeBatch: quiet.wait,
    });
    root.dataset.pwaWarm = `${report.complete ? 'done' : 'stopped'}:${report.fetched + report.alreadyCached}/${report.total}`;
    return report;
  } catch {
    root.dataset.pwaWarm = 'no-catalog';
    return undefined;
  } finally {
    quiet.dispose();
  }
}

/**
 * Starts the offline PWA: registers the service worker (update flow), mounts the toast and the offline
 * badge, and once the worker controls the page asks for persistent storage and warms the catalog
 * thumbnails in the background. Call once (boot.ts does, unless pwaPlugin({ boot: false })).
 */
export function startPwa(options: StartPwaOptions = {}): PwaStart {
  if (options.offlineBadge ?? true) mountOfflineBadge(browserConnectivity());
  if (!('serviceWorker' in navigator)) return { sw: undefined, warmed: Promise.resolve(undefined) };
  const sw = registerGlimpseSW();
  if (options.updateToast ?? true) mountUpdateToast(sw);
  setInterval(() => void sw.checkForUpdate(), UPDATE_CHECK_MS);
  const catalogUrl = options.catalogUrl ?? defaultCatalogUrl(window.location.href, import.meta.env.BASE_URL);
  const warmed = whenControlled(navigator.serviceWorker).then(async () => {
    await requestPersistentStorage();
    await new Promise((resolve) => setTimeout(resolve, options.warmDelayMs ?? 1000));
    return warmUp(catalogUrl, sw);
  });
  return { sw, warmed };
}
