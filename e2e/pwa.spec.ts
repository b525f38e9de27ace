import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { checkManifest, findIcon } from '../src/pwa/manifest-check';

/**
 * The offline PWA against the built app (`npx vite build` first): the build output, an offline reload,
 * installability and the update flow. The update test edits dist/ and restores it afterwards.
 */

const dist = resolve(import.meta.dirname, '../dist');
const MODEL_PATH = 'generated/models/mobilenet-v2.tflite';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => relative(dist, join(dir, f)).split('\\').join('/'))
    .filter((f) => statSync(join(dist, f)).isFile());
}

function precachedUrls(): string[] {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const list = /precacheAndRoute\((\[.*?\])/s.exec(sw)?.[1] ?? '';
  return [...list.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!);
}

async function waitForControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, {
    timeout: 60_000,
  });
}

test.describe('PWA build output', () => {
  test('manifest is complete and its icons exist at their declared sizes', async () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(html).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/);
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.webmanifest'), 'utf8'));
    expect(checkManifest(manifest)).toEqual([]);
    for (const [purpose, size] of [['any', 192], ['any', 512], ['maskable', 192], ['maskable', 512]] as const) {
      const src = String(findIcon(manifest, purpose, size)!.src);
      const meta = await sharp(readFileSync(join(dist, src))).metadata();
      expect([src, meta.width, meta.height]).toEqual([src, size, size]);
    }
  });

  test('precache holds the shell, the model and every WASM binary; runtime rules cover the catalog', () => {
    const precached = new Set(precachedUrls());
    expect(precached).toContain('index.html');
    expect(precached).toContain(MODEL_PATH);
    // Nothing the app needs offline is silently left out (Workbox skips files over its size limit).
    const shell = filesUnder(dist).filter(
      (f) =>
        /\.(html|js|css|wasm|tflite)$/.test(f) &&
        !f.startsWith('generated/catalog/') &&
        f !== 'sw.js' &&
        !/^workbox-[0-9a-f]+\.js$/.test(f),
    );
    expect(shell.filter((f) => !precached.has(f))).toEqual([]);
    const wasm = shell.filter((f) => f.endsWith('.wasm'));
    test.info().annotations.push({ type: 'wasm files precached', description: wasm.join(', ') || 'none in this build' });
    // The catalog's pictures are runtime-cached, never precached.
    expect([...precached].filter((u) => u.startsWith('generated/catalog/'))).toEqual([]);
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    expect(sw).toMatch(/\\\/thumbs\\\/.{0,80}?new \w+\.CacheFirst\(\{cacheName:"glimpse-thumbs-v1"/s);
    expect(sw).toMatch(/generated\\\/catalog.{0,120}?new \w+\.StaleWhileRevalidate\(\{cacheName:"glimpse-catalog-v1"/s);
    expect(sw).toContain('NavigationRoute');
  });
});

test.describe('PWA in the browser', () => {
  test('after one online visit the app reloads offline with catalog thumbnails and the model from cache', async ({
    page,
    context,
  }) => {
    test.slow(); // warms all ~1,000 demo thumbnails through the service worker before going offline
    await page.goto('/');
    await waitForControl(page);
    await expect(page.locator('html')).toHaveAttribute('data-pwa-warm', /^done:(\d+)\/\1$/, { timeout: 240_000 });
    const warmed = Number((await page.locator('html').getAttribute('data-pwa-warm'))!.split('/')[1]);
    const cached = await page.evaluate(async () => ({
      catalog: (await (await caches.open('glimpse-catalog-v1')).keys()).map((r) => new URL(r.url).pathname),
      thumbs: (await (await caches.open('glimpse-thumbs-v1')).keys()).length,
    }));
    expect(cached.catalog).toContain('/generated/catalog/catalog.json');
    expect(warmed).toBeGreaterThan(100);
    expect(cached.thumbs).toBe(warmed);

    await context.setOffline(true);
    await page.reload();
    if (await page.evaluate(() => navigator.onLine)) {
      // Debian's Chromium 150 under Playwright 1.65 blocks the network for the reloaded document but reports
      // navigator.onLine = true there (setOffline(true) again is a no-op); toggling re-applies the emulation and
      // the page gets its 'offline' event. The requests the reload made were already blocked.
      test.info().annotations.push({ type: 'offline emulation', description: 'navigator.onLine was true after the offline reload; re-applied' });
      await context.setOffline(false);
      await context.setOffline(true);
    }
    await expect(page.getByText('Offline — your likes and recommendations still work')).toBeVisible();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // The catalog renders from the cache, with pictures.
    const cards = page.getByTestId('product-card');
    await expect(page.getByTestId('result-count')).toHaveText(/Showing [\d,]+ of [\d,]+ items/);
    await expect(cards.first()).toBeVisible();
    const shown = await cards.count();
    expect(shown).toBeGreaterThan(3);
    for (let i = 0; i < shown; i += 1) {
      await expect(cards.nth(i).locator('img')).toHaveJSProperty('complete', true);
      expect(await cards.nth(i).locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    }
    // Scrolling far down shows other thumbnails, also from the cache (the warm-up fetched them all).
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const last = cards.last().locator('img');
    await expect(last).toHaveJSProperty('complete', true);
    expect(await last.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // Browsing and liking need no network.
    const id = (await cards.first().getAttribute('data-item-id'))!;
    const title = (await cards.first().getAttribute('aria-label'))!;
    const card = page.locator(`[data-testid=product-card][data-item-id="${id}"]`);
    await card.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await page.getByRole('button', { name: 'Back to catalog' }).click();
    await card.getByRole('button', { name: 'Like' }).click();
    await expect(card.getByRole('button', { name: 'Like' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('liked-count')).toHaveText(/1 liked/);

    // The ~4 MB model comes from the precache.
    const model = await page.evaluate(async (path) => {
      const response = await fetch(path);
      return { status: response.status, bytes: (await response.arrayBuffer()).byteLength };
    }, '/' + MODEL_PATH);
    expect(model).toEqual({ status: 200, bytes: statSync(join(dist, MODEL_PATH)).size });

    // Recommendations learn offline (issue #7): liking from the For-you feed re-ranks it in the worker.
    await page.evaluate(() => (window.location.hash = '#/for-you'));
    const feed = page.getByTestId('feed').getByTestId('rec-card');
    const snapshot = async () => {
      await expect(feed.first()).toBeVisible({ timeout: 60_000 });
      await expect(page.getByTestId('learning')).toHaveAttribute('data-state', 'idle');
      return feed.evaluateAll((els) => els.slice(0, 12).map((e) => `${e.getAttribute('data-item-id')}@${e.getAttribute('data-score')}`));
    };
    const before = await snapshot();
    for (const n of [0, 1]) {
      const liked = feed.nth(n);
      const likedId = (await liked.getAttribute('data-item-id'))!;
      await liked.getByRole('button', { name: 'Like' }).click();
      await expect(page.locator(`[data-testid=feed] [data-item-id="${likedId}"]`)).toHaveCount(0);
    }
    const after = await snapshot();
    const ids = (xs: string[]) => xs.map((x) => x.split('@')[0]);
    // Not only the liked cards left: the items that stayed were re-scored by the updated taste.
    const stayed = after.filter((x) => ids(before).includes(x.split('@')[0]));
    expect(stayed.length).toBeGreaterThan(0);
    expect(stayed.some((x) => !before.includes(x))).toBe(true);
    expect(ids(after)).not.toEqual(ids(before));

    // A deep link opened offline still gets the app shell (navigation fallback).
    await page.goto('/some/deep/link');
    await expect(cards.first()).toBeVisible();
    await context.setOffline(false);
  });

  test('installability: manifest linked and complete, a service worker controls the page', async ({ playwright, baseURL }) => {
    // A persistent profile: Playwright's default contexts are incognito, which Chromium never offers to install.
    const profile = mkdtempSync(join(tmpdir(), 'glimpse-pwa-profile-'));
    const context = await playwright.chromium.launchPersistentContext(profile, { ...test.info().project.use.launchOptions, baseURL });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto('/');
      await waitForControl(page);
      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      const manifest = await page.evaluate(async (url) => (await fetch(url!)).json(), href);
      expect(checkManifest(manifest)).toEqual([]);
      const registration = await page.evaluate(async () => {
        const r = await navigator.serviceWorker.getRegistration();
        return { scope: r?.scope, script: r?.active?.scriptURL };
      });
      expect(registration.scope).toBe(new URL('/', page.url()).href);
      expect(registration.script).toBe(new URL('/sw.js', page.url()).href);
      // Chromium's own verdict on the installability criteria.
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: Array<{ errorId: string }>;
      };
      expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('a new version is announced, applied only on click, and keeps stored state', async ({ page }) => {
    const indexPath = join(dist, 'index.html');
    const swPath = join(dist, 'sw.js');
    const originalIndex = readFileSync(indexPath, 'utf8');
    const originalSw = readFileSync(swPath, 'utf8');
    try {
      await page.goto('/');
      await waitForControl(page);
      await page.evaluate(async () => {
        (window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
        await new Promise<void>((done, fail) => {
          const open = indexedDB.open('pwa-e2e', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('kv');
          open.onsuccess = () => {
            const tx = open.result.transaction('kv', 'readwrite');
            tx.objectStore('kv').put('liked:fixture-1', 'state');
            tx.oncomplete = () => (open.result.close(), done());
            tx.onerror = () => fail(tx.error);
          };
          open.onerror = () => fail(open.error);
        });
      });

      // Deploy "version 2": a changed index.html and a service worker whose precache revision differs.
      const nextIndex = originalIndex.replace('<head>', '<head>\n    <meta name="glimpse-build" content="e2e-v2" />');
      const oldRevision = /url:"index\.html",revision:"([0-9a-f]+)"/.exec(originalSw)![1]!;
      writeFileSync(indexPath, nextIndex);
      writeFileSync(swPath, originalSw.replaceAll(oldRevision, 'e2e0'.padEnd(oldRevision.length, '0')));

      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
      const toast = page.getByRole('status').filter({ hasText: 'A new version of Glimpse is ready.' });
      await expect(toast).toBeVisible();
      await expect(page.locator('meta[name="glimpse-build"]')).toHaveCount(0);
      // Nothing reloads until the user says so.
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).toBe(true);

      // The app is still extracting features (fetching through the old worker) when the user clicks: the
      // update must land anyway, by activation or by the watchdog's reload (update-flow.ts).
      await toast.getByRole('button', { name: 'Reload' }).click();
      await expect(page.locator('meta[name="glimpse-build"]')).toHaveAttribute('content', 'e2e-v2', { timeout: 60_000 });
      await page.waitForFunction(async () => !(await navigator.serviceWorker.getRegistration())?.waiting, undefined, { timeout: 30_000 });
      const after = await page.evaluate(async () => {
        const stored = await new Promise<unknown>((done, fail) => {
          const open = indexedDB.open('pwa-e2e', 1);
          open.onsuccess = () => {
            const get = open.result.transaction('kv').objectStore('kv').get('state');
            get.onsuccess = () => (open.result.close(), done(get.result));
          };
          open.onerror = () => fail(open.error);
        });
        const r = await navigator.serviceWorker.getRegistration();
        return {
          beforeUpdate: (window as unknown as { beforeUpdate?: boolean }).beforeUpdate,
          stored,
          waiting: Boolean(r?.waiting),
          controlled: navigator.serviceWorker.controller === r?.active,
        };
      });
      expect(after).toEqual({ beforeUpdate: undefined, stored: 'liked:fixture-1', waiting: false, controlled: true });
    } finally {
      writeFileSync(indexPath, originalIndex);
      writeFileSync(swPath, originalSw);
    }
  });
});

