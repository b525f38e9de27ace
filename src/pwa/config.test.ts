import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { getManifest } from 'workbox-build';
import { CACHE_NAMES, RUNTIME_CACHING, glimpseWorkbox } from './caching';
import { checkManifest, findIcon } from './manifest-check';
import { glimpseManifest } from './manifest';
import { glimpsePwaOptions } from './plugin';

const publicDir = resolve(import.meta.dirname, '../../public');
const ORIGIN = 'http://localhost:4173';

/** Which runtime rule (first match wins, as in Workbox) handles `href`, seen from ORIGIN. */
function ruleFor(href: string): { handler: unknown; cacheName: string | null | undefined } | undefined {
  const url = new URL(href, ORIGIN);
  const sameOrigin = url.origin === ORIGIN;
  const rule = RUNTIME_CACHING.find((r) => {
    const pattern = r.urlPattern as (ctx: { url: URL; sameOrigin: boolean }) => boolean;
    return pattern({ url, sameOrigin });
  });
  return rule && { handler: rule.handler, cacheName: rule.options?.cacheName };
}

describe('web app manifest', () => {
  it('is complete: installability fields, colours, categories, any + maskable PNGs at 192 and 512', () => {
    expect(checkManifest(glimpseManifest)).toEqual([]);
    expect(glimpseManifest).toMatchObject({ name: 'Glimpse', display: 'standalone', start_url: '/', scope: '/' });
  });

  it('reports what is missing', () => {
    const broken = { ...glimpseManifest, display: 'browser', short_name: 'Glimpse the visual recommender', icons: [] };
    const problems = checkManifest(broken);
    expect(problems).toContain('no maskable PNG icon of 512x512');
    expect(problems).toContain('short_name is longer than 12 characters');
    expect(problems.some((p) => p.startsWith('display'))).toBe(true);
    expect(checkManifest({ ...glimpseManifest, start_url: '/elsewhere/', scope: '/app/' })).toContain(
      'start_url is outside scope',
    );
  });

  it.each([
    ['any', 192],
    ['any', 512],
    ['maskable', 192],
    ['maskable', 512],
  ] as const)('the %s %i icon is a committed PNG of that size', async (purpose, size) => {
    const icon = findIcon(glimpseManifest, purpose, size)!;
    const meta = await sharp(readFileSync(join(publicDir, String(icon.src)))).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', size, size]);
  });

  it('maskable icons are full-bleed (opaque corners), any icons have rounded transparent corners', async () => {
    const corner = async (file: string) => {
      const { data } = await sharp(readFileSync(join(publicDir, file))).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      return data[3]; // alpha of pixel (0, 0)
    };
    expect(await corner('icons/maskable-512.png')).toBe(255);
    expect(await corner('icons/icon-512.png')).toBe(0);
  });
});

describe('service worker configuration', () => {
  it('uses generateSW with the prompt update flow and no auto skip-waiting', () => {
    expect(glimpsePwaOptions).toMatchObject({ strategies: 'generateSW', registerType: 'prompt', injectRegister: false });
    expect(glimpseWorkbox).toMatchObject({ skipWaiting: false, clientsClaim: true, navigateFallback: 'index.html' });
  });

  it.each([
    ['/generated/catalog/catalog.json', 'StaleWhileRevalidate', CACHE_NAMES.catalog],
    ['/generated/catalog/features.bin', 'StaleWhileRevalidate', CACHE_NAMES.catalog],
    ['/generated/catalog/thumbs/000123.webp', 'CacheFirst', CACHE_NAMES.thumbnails],
    ['/generated/catalog/images/000123.jpg', 'CacheFirst', CACHE_NAMES.images],
    ['/generated/catalog/manifest.json', 'StaleWhileRevalidate', CACHE_NAMES.catalog],
    ['/generated/other/data.json', 'StaleWhileRevalidate', CACHE_NAMES.generated],
    ['/fixtures/tiny/catalog.json', 'StaleWhileRevalidate', CACHE_NAMES.catalog],
    ['/fixtures/tiny/images/black-dress.png', 'CacheFirst', CACHE_NAMES.images],
  ])('runtime rule for %s is %s', (path, handler, cacheName) => {
    expect(ruleFor(path)).toEqual({ handler, cacheName });
  });

  it('never caches third-party requests, even with the same paths', () => {
    expect(ruleFor('https://cdn.example.com/generated/catalog/thumbs/1.webp')).toBeUndefined();
    expect(ruleFor('https://cdn.example.com/generated/catalog/catalog.json')).toBeUndefined();
    expect(ruleFor('https://fonts.example.com/x.woff2')).toBeUndefined();
  });

  it('leaves app code and the model to the precache (no runtime rule would serve a stale copy)', () => {
    expect(ruleFor('/assets/index-DSudpo3q.js')).toBeUndefined();
    expect(ruleFor('/index.html')).toBeUndefined();
    expect(ruleFor('/assets/tfjs-backend-wasm-simd-Q1w2E3r4.wasm')).toBeUndefined();
  });

  it('caps the runtime caches of pictures with expiration', () => {
    for (const name of [CACHE_NAMES.thumbnails, CACHE_NAMES.images]) {
      const rule = RUNTIME_CACHING.find((r) => r.options?.cacheName === name)!;
      expect(rule.options?.expiration?.maxEntries).toBeGreaterThan(0);
      expect(rule.options?.expiration?.purgeOnQuotaError).toBe(true);
    }
  });

  it('navigation falls back to the shell but not for files or generated data', () => {
    const deny = glimpseWorkbox.navigateFallbackDenylist ?? [];
    const denied = (path: string) => deny.some((re) => re.test(path));
    expect(denied('/')).toBe(false);
    expect(denied('/insights')).toBe(false);
    expect(denied('/item/42')).toBe(false);
    expect(denied('/generated/catalog/images/1.jpg')).toBe(true);
    expect(denied('/manifest.webmanifest')).toBe(true);
  });
});

describe('precache selection on a dist-like tree', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glimpse-precache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (path: string, bytes: number) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), Buffer.alloc(bytes, 1));
  };

  it('takes the shell, the ~4 MB model and the WASM binaries; leaves catalog pictures and maps to runtime', async () => {
    put('index.html', 700);
    put('assets/index-AbCdEf12.js', 250_000);
    put('assets/index-AbCdEf12.js.map', 900_000);
    put('assets/index-Zz9Yy8Xx.css', 4_000);
    put('icons/icon-192.png', 3_000);
    put('generated/models/mobilenet-v2.tflite', 4_070_174);
    put('assets/tfjs-backend-wasm-simd-Q1w2E3r4.wasm', 424_594);
    put('generated/tfjs/tfjs-backend-wasm-threaded-simd.wasm', 435_643);
    put('generated/catalog/catalog.json', 300_000);
    put('generated/catalog/thumbs/000001.webp', 6_000);
    put('generated/catalog/images/000001.jpg', 60_000);
    put('fixtures/tiny/images/red-t-shirt.png', 2_000);

    const { manifestEntries, warnings } = await getManifest({
      globDirectory: dir,
      globPatterns: glimpseWorkbox.globPatterns,
      globIgnores: glimpseWorkbox.globIgnores,
      maximumFileSizeToCacheInBytes: glimpseWorkbox.maximumFileSizeToCacheInBytes,
      dontCacheBustURLsMatching: glimpseWorkbox.dontCacheBustURLsMatching,
    });
    const urls = (manifestEntries ?? []).map((e) => e.url).sort();
    expect(warnings).toEqual([]);
    expect(urls).toEqual([
      'assets/index-AbCdEf12.js',
      'assets/index-Zz9Yy8Xx.css',
      'assets/tfjs-backend-wasm-simd-Q1w2E3r4.wasm',
      'generated/models/mobilenet-v2.tflite',
      'generated/tfjs/tfjs-backend-wasm-threaded-simd.wasm',
      'icons/icon-192.png',
      'index.html',
    ]);
    // Hashed assets need no revision; the model does (its name carries no hash).
    const byUrl = new Map((manifestEntries ?? []).map((e) => [e.url, e.revision]));
    expect(byUrl.get('assets/index-AbCdEf12.js')).toBeNull();
    expect(byUrl.get('generated/models/mobilenet-v2.tflite')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('a file over the raised limit is reported, not silently dropped (the build then fails)', async () => {
    put('generated/models/too-big.bin', (glimpseWorkbox.maximumFileSizeToCacheInBytes ?? 0) + 1);
    const { warnings } = await getManifest({
      globDirectory: dir,
      globPatterns: glimpseWorkbox.globPatterns,
      globIgnores: glimpseWorkbox.globIgnores,
      maximumFileSizeToCacheInBytes: glimpseWorkbox.maximumFileSizeToCacheInBytes,
    });
    expect(warnings.join('\n')).toContain('too-big.bin');
  });
});
