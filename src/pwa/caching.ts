import type { VitePWAOptions } from 'vite-plugin-pwa';

type WorkboxOptions = VitePWAOptions['workbox'];
type RuntimeCaching = NonNullable<WorkboxOptions['runtimeCaching']>[number];

/**
 * What the service worker keeps, and how (README: "Offline and caching").
 *
 * Precached (downloaded at install, versioned by content hash, swapped atomically on update):
 * the app shell (html/js/css), icons, the TF.js WASM binaries (~0.3-0.45 MB each) and the MobileNetV2
 * model (~3.9 MiB). The model is precached rather than runtime-cached because the app is not usable
 * offline without it, and precaching keeps it in step with the engine code that parses it; that is why
 * the per-file limit is raised above Workbox's 2 MiB default. A file over the limit fails the build
 * (vite-plugin-pwa throws on Workbox's size warning) instead of being dropped silently.
 *
 * Runtime-cached (too many or too large to precache, and they change with the catalog, not the app):
 * catalog data (StaleWhileRevalidate), thumbnails and full images (CacheFirst with expiration; the
 * thumbnails are warmed in the background after the first online visit, see warm-cache.ts).
 *
 * Every route matches same-origin requests only: nothing from a third-party host is cached or served.
 */

/** Workbox caches the runtime rules write to. Names are part of the persisted state: rename only with a cleanup. */
export const CACHE_NAMES = {
  thumbnails: 'glimpse-thumbs-v1',
  images: 'glimpse-images-v1',
  catalog: 'glimpse-catalog-v1',
  generated: 'glimpse-generated-v1',
} as const;

export const PRECACHE_MAX_FILE_BYTES = 8 * 1024 * 1024;

// manifest.webmanifest is added by vite-plugin-pwa itself.
export const PRECACHE_GLOBS = [
  '**/*.{html,js,css,wasm,svg,png,ico,woff2}',
  'generated/models/**/*',
];

/** The catalog's pictures and data are runtime-cached; test fixtures and source maps are never cached. */
export const PRECACHE_IGNORES = ['generated/catalog/**', 'fixtures/**', '**/*.map'];

// urlPattern functions are serialised into sw.js by workbox-build: they must not use outer variables.
export const RUNTIME_CACHING: RuntimeCaching[] = [
  {
    // Thumbnails of the demo catalog (and of any same-origin catalog laid out the same way).
    urlPattern: ({ url, sameOrigin }) => sameOrigin && /\/thumbs\/[^/]+\.(webp|avif|jpe?g|png)$/i.test(url.pathname),
    handler: 'CacheFirst',
    options: {
      cacheName: CACHE_NAMES.thumbnails,
      expiration: { maxEntries: 5000, maxAgeSeconds: 60 * 24 * 60 * 60, purgeOnQuotaError: true },
      cacheableResponse: { statuses: [200] },
    },
  },
  {
    // Full-size product pictures: cached as they are viewed, the least recently used evicted first.
    urlPattern: ({ url, sameOrigin }) => sameOrigin && /\.(jpe?g|png|webp|avif|gif)$/i.test(url.pathname),
    handler: 'CacheFirst',
    options: {
      cacheName: CACHE_NAMES.images,
      expiration: { maxEntries: 600, maxAgeSeconds: 30 * 24 * 60 * 60, purgeOnQuotaError: true },
      cacheableResponse: { statuses: [200] },
    },
  },
  {
    // The demo catalog.json and anything published beside it (features, manifest), and any
    // same-origin catalog opened with ?catalog=: shown from cache at once, refreshed in the background.
    urlPattern: ({ url, sameOrigin }) =>
      sameOrigin && (/\/generated\/catalog\/[^/]+$/.test(url.pathname) || /\/catalog\.json$/.test(url.pathname)),
    handler: 'StaleWhileRevalidate',
    options: { cacheName: CACHE_NAMES.catalog, cacheableResponse: { statuses: [200] } },
  },
  {
    // Any other generated, same-origin data not in the precache (the model and WASM are precached).
    urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.includes('/generated/'),
    handler: 'StaleWhileRevalidate',
    options: {
      cacheName: CACHE_NAMES.generated,
      expiration: { maxEntries: 200, purgeOnQuotaError: true },
      cacheableResponse: { statuses: [200] },
    },
  },
];

export const glimpseWorkbox: WorkboxOptions = {
  globPatterns: PRECACHE_GLOBS,
  globIgnores: PRECACHE_IGNORES,
  maximumFileSizeToCacheInBytes: PRECACHE_MAX_FILE_BYTES,
  // Single-page app: every navigation gets the precached shell, except direct links to files.
  navigateFallback: 'index.html',
  navigateFallbackDenylist: [/^\/generated\//, /^\/assets\//, /\/[^/?]+\.[a-z0-9]+$/i],
  cleanupOutdatedCaches: true,
  // The first install controls the open page at once (so its fetches are cached); updates still wait
  // for the user's click (registerType 'prompt' => skipWaiting stays false).
  clientsClaim: true,
  skipWaiting: false,
  runtimeCaching: RUNTIME_CACHING,
  // Hashed Vite assets need no revision; everything else gets a content revision.
  dontCacheBustURLsMatching: /^assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/,
};
