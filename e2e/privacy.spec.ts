import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// The private profile end to end: durability, two tabs, delete everything, no user data on the wire, CSP.
const TINY = '/?catalog=fixtures/tiny/catalog.json';
const TINY_IMAGES = resolve(import.meta.dirname, '../public/fixtures/tiny/images');
const STATIC_PATH = /^\/$|\.(html|js|css|json|png|jpe?g|webp|svg|ico|webmanifest|wasm|tflite|glff)$/;
const card = (page: Page, title: string) => page.locator(`[data-testid=product-card][aria-label="${title}"]`);

async function like(page: Page, title: string) {
  const button = card(page, title).getByRole('button', { name: 'Like' });
  await button.click();
  // The button turns pressed only after the event is durable in IndexedDB and read back from it.
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

test.describe('private profile', () => {
  test('likes survive a reload and a page killed mid-write loses no confirmed like', async ({ context, page }) => {
    await page.goto(TINY);
    await like(page, 'Red T-Shirt');
    await page.reload();
    await expect(card(page, 'Red T-Shirt').getByRole('button', { name: 'Like' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await like(page, 'Green Pants');
    // Killed mid-write: a third like is clicked and the page dies before it can be confirmed.
    await card(page, 'Black Dress').getByRole('button', { name: 'Like' }).click();
    await page.close({ runBeforeUnload: false }); // no unload work, no chance to flush later
    const again = await context.newPage();
    await again.goto(TINY);
    // Both confirmed likes are there; the unconfirmed one either committed whole or not at all.
    await expect(again.getByTestId('liked-count')).toHaveText(/[23] liked/);
    for (const title of ['Red T-Shirt', 'Green Pants'])
      await expect(card(again, title).getByRole('button', { name: 'Like' })).toHaveAttribute('aria-pressed', 'true');
    const third = await card(again, 'Black Dress').getByRole('button', { name: 'Like' }).getAttribute('aria-pressed');
    await expect(again.getByTestId('liked-count')).toHaveText(third === 'true' ? /3 liked/ : /2 liked/);
    // The store is intact after the kill: the next like is confirmed as usual.
    await like(again, 'White Dress');
  });

  test('two tabs stay in sync without a reload', async ({ context, page }) => {
    const other = await context.newPage();
    await page.goto(TINY);
    await other.goto(TINY);
    await expect(other.getByTestId('liked-count')).toHaveText(/0 liked/);
    await like(page, 'Black Dress');
    await expect(other.getByTestId('liked-count')).toHaveText(/1 liked/);
    await expect(card(other, 'Black Dress').getByRole('button', { name: 'Like' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await like(other, 'White Dress');
    await expect(page.getByTestId('liked-count')).toHaveText(/2 liked/);
  });

  test('after "delete everything" no Glimpse database or cache remains', async ({ page }) => {
    await page.goto(TINY);
    await like(page, 'Red T-Shirt');
    const before = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(before).toContain('glimpse');
    // A returning user: the service worker has finished installing (and precaching).
    await page.evaluate(async () => {
      await navigator.serviceWorker?.ready;
    });
    await page.getByRole('button', { name: 'Delete everything' }).click();
    await page.getByRole('button', { name: 'Yes, delete everything' }).click();
    await expect(page.getByTestId('privacy-message')).toContainText(/Deleted \d+ databases/);
    await expect(page.getByTestId('storage-notice')).toContainText('Nothing will be kept');
    const left = await page.evaluate(async () => {
      const names = await caches.keys();
      const contents: Record<string, string[]> = {};
      for (const n of names) contents[n] = (await (await caches.open(n)).keys()).map((r) => r.url);
      return {
        databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
        caches: contents,
        tfjs: Object.keys(localStorage).filter((k) => k.startsWith('tensorflowjs')),
      };
    });
    expect(left.databases.filter((n) => /^(glimpse|tensorflowjs)/.test(n))).toEqual([]);
    expect(Object.keys(left.caches).filter((n) => n.startsWith('workbox-'))).toEqual([]);
    // The unregistered service worker still controls this page until reload and may re-cache public files it
    // fetches meanwhile: those are public images only, never user data.
    for (const [name, urls] of Object.entries(left.caches)) {
      for (const url of urls) expect(url, name).toMatch(/^http:\/\/localhost:\d+\/[^?]*\.(webp|jpe?g|png|json)$/);
    }
    expect(left.tfjs).toEqual([]);
  });

  test('a whole session (browse, like, save, cart, a background retrain, search by photo, export) sends only same-origin static GETs and no user data', async ({ context, page }) => {
    const requests: { url: string; method: string; body: string | null; headers: Record<string, string> }[] =
      [];
    context.on('request', (r) =>
      requests.push({ url: r.url(), method: r.method(), body: r.postData(), headers: r.headers() }),
    );
    // Background retraining after 2 s, so the session includes a full retrain (the setting lives in IndexedDB).
    await page.goto(`${TINY}#/insights`);
    await page.getByTestId('training-panel').getByLabel('Retrain in the background after').selectOption({ label: '2 s' });
    await expect(page.getByTestId('retrain-delay')).toHaveValue('2000');
    await page.goto(TINY);
    await like(page, 'Red T-Shirt');
    await card(page, 'Blue Shirt').getByRole('button', { name: 'Save' }).click();
    await card(page, 'Green Pants').getByRole('link', { name: 'Green Pants' }).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByTestId('cart-count')).toHaveText(/1 in cart/);
    await page.getByRole('button', { name: 'Back to catalog' }).click();
    // The retrain those events queued has run (Insights lists it, with the checkpoint it wrote).
    await page.goto(`${TINY}#/insights`);
    const retrains = page.getByTestId('training-run').and(page.locator('[data-trigger=background]'));
    await expect(retrains.first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('training-version')).toHaveText(/checkpoint \d+/);
    // Search by photo: the model and WASM load from this origin; the photo itself goes nowhere.
    await page.goto(`${TINY}#/photo`);
    await page.getByLabel('Choose or take a photo').setInputFiles(resolve(TINY_IMAGES, 'red-t-shirt.png'));
    const found = page.getByTestId('photo-results').getByTestId('rec-card');
    await expect(found.first()).toHaveAttribute('data-item-id', 'red-t-shirt', { timeout: 120_000 });
    await page.goto(TINY);
    await page.getByRole('button', { name: 'Export my data' }).click();
    await expect(page.getByTestId('privacy-message')).toHaveText('Your data was exported.');
    await page.reload();
    await expect(page.getByTestId('liked-count')).toHaveText(/1 liked/);

    const origin = new URL(page.url()).origin;
    expect(requests.length).toBeGreaterThan(5);
    // The photo search really loaded the on-device model (so its requests were recorded too).
    expect(requests.some((r) => r.url.endsWith('.tflite') || r.url.endsWith('.wasm'))).toBe(true);
    for (const r of requests) {
      const url = new URL(r.url);
      if (url.protocol === 'blob:' || url.protocol === 'data:') continue;
      expect.soft(url.origin, r.url).toBe(origin);
      expect.soft(r.method, r.url).toBe('GET');
      expect.soft(r.body, r.url).toBeNull();
      // Static files only (the page, its code, catalog data and images, the model and WASM): no endpoints.
      expect.soft(url.pathname, r.url).toMatch(STATIC_PATH);
      // Only the page itself carries a query (which catalog to show); assets never do.
      if (url.search) expect.soft(url.search, r.url).toBe('?catalog=fixtures/tiny/catalog.json');
      const headerText = JSON.stringify(r.headers).toLowerCase();
      for (const secret of ['"like"', 'add-to-cart', 'interactions', 'glimpse-export']) {
        expect.soft(headerText, `${r.url} header`).not.toContain(secret);
      }
    }
  });

  test('the built app runs under the strict Content Security Policy without violations', async ({ page }) => {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const response = await page.goto(TINY);
    const header = response!.headers()['content-security-policy'];
    expect(header).toContain("default-src 'self'");
    expect(header).toContain("frame-ancestors 'none'");
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
      'content',
      /object-src 'none'/,
    );
    await like(page, 'Orange White-Striped Dress'); // the worker and IndexedDB work under the policy
    await page.getByRole('button', { name: 'Export my data' }).click();
    await expect(page.getByTestId('privacy-message')).toHaveText('Your data was exported.');
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  });
});
