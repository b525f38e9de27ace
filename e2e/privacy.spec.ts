import { expect, test, type Page } from '@playwright/test';

// The private profile end to end: durability, two tabs, delete everything, no user data on the wire, CSP.
const TINY = '/?catalog=fixtures/tiny/catalog.json';
const card = (page: Page, title: string) => page.locator(`[data-testid=product-card][aria-label="${title}"]`);

async function like(page: Page, title: string) {
  const button = card(page, title).getByRole('button', { name: 'Like' });
  await button.click();
  // The button turns pressed only after the event is durable in IndexedDB and read back from it.
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

test.describe('private profile', () => {
  test('likes survive a reload and a page killed right after the confirmation', async ({ context, page }) => {
    await page.goto(TINY);
    await like(page, 'Red T-Shirt');
    await page.reload();
    await expect(card(page, 'Red T-Shirt').getByRole('button', { name: 'Like' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await like(page, 'Green Pants');
    await page.close({ runBeforeUnload: false }); // no unload work, no chance to flush later
    const again = await context.newPage();
    await again.goto(TINY);
    await expect(again.getByTestId('liked-count')).toHaveText(/2 liked/);
    await expect(card(again, 'Green Pants').getByRole('button', { name: 'Like' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
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
    await page.getByRole('button', { name: 'Delete everything' }).click();
    await page.getByRole('button', { name: 'Yes, delete everything' }).click();
    await expect(page.getByTestId('privacy-message')).toContainText(/Deleted \d+ databases/);
    await expect(page.getByTestId('storage-notice')).toContainText('Nothing will be kept');
    const left = await page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
      caches: await caches.keys(),
      tfjs: Object.keys(localStorage).filter((k) => k.startsWith('tensorflowjs')),
    }));
    expect(left.databases.filter((n) => /^(glimpse|tensorflowjs)/.test(n))).toEqual([]);
    expect(left.caches.filter((n) => /^(glimpse|workbox-)/.test(n))).toEqual([]);
    expect(left.tfjs).toEqual([]);
  });

  test('a whole session sends only same-origin static GETs and no user data', async ({ context, page }) => {
    const requests: { url: string; method: string; body: string | null; headers: Record<string, string> }[] =
      [];
    context.on('request', (r) =>
      requests.push({ url: r.url(), method: r.method(), body: r.postData(), headers: r.headers() }),
    );
    await page.goto(TINY);
    await like(page, 'Red T-Shirt');
    await card(page, 'Blue Shirt').getByRole('button', { name: 'Save' }).click();
    await card(page, 'Green Pants').getByRole('link', { name: 'Green Pants' }).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByTestId('cart-count')).toHaveText(/1 in cart/);
    await page.getByRole('button', { name: 'Back to catalog' }).click();
    await page.getByRole('button', { name: 'Export my data' }).click();
    await expect(page.getByTestId('privacy-message')).toHaveText('Your data was exported.');
    await page.reload();
    await expect(page.getByTestId('liked-count')).toHaveText(/1 liked/);

    const origin = new URL(page.url()).origin;
    expect(requests.length).toBeGreaterThan(5);
    for (const r of requests) {
      const url = new URL(r.url);
      if (url.protocol === 'blob:' || url.protocol === 'data:') continue;
      expect.soft(url.origin, r.url).toBe(origin);
      expect.soft(r.method, r.url).toBe('GET');
      expect.soft(r.body, r.url).toBeNull();
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
