import { expect, test, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startStaticServer, type StaticServer } from './support/static-server';
// Types only: brings in the HTMLElementTagNameMap entry the widget ships for TypeScript users.
import type {} from '../src/widget/index';

/**
 * The widget on a partner page from another origin: the element and its engine are served from
 * WIDGET_PORT (with CORS), the partner shop and its catalog from PARTNER_PORT.
 */
const WIDGET_PORT = Number(process.env.GLIMPSE_WIDGET_PORT ?? 4207);
const PARTNER_PORT = Number(process.env.GLIMPSE_PARTNER_PORT ?? 4217);
const root = resolve(import.meta.dirname, '..');

let widget: StaticServer;
let partner: StaticServer;

test.beforeAll(async () => {
  if (!existsSync(resolve(root, 'dist-widget/glimpse-recs.js'))) throw new Error('dist-widget/ missing: run `npm run build:widget` first');
  widget = await startStaticServer({ root: resolve(root, 'dist-widget'), port: WIDGET_PORT, cors: true, noCorsPrefix: '/no-cors/' });
  partner = await startStaticServer({
    root: resolve(root, 'examples/partner'),
    port: PARTNER_PORT,
    rewrite: (html) => html.replaceAll('http://localhost:4207', widget.url),
  });
});
test.afterAll(async () => {
  await widget?.close();
  await partner?.close();
});

/** Every request the page makes, to prove the widget sends nothing. */
function recordRequests(page: Page) {
  const requests: { method: string; url: string; body: string | null }[] = [];
  page.on('request', (r) => requests.push({ method: r.method(), url: r.url(), body: r.postData() }));
  return requests;
}

const ids = (page: Page) =>
  page.locator('glimpse-recs').evaluate((el) => (el as HTMLElementTagNameMap['glimpse-recs']).items.map((r) => r.item.id));

test('partner page on another origin embeds the widget, tracks purchases and gets personalised results', async ({ page }) => {
  const requests = recordRequests(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${partner.url}/`);
  const recs = page.locator('glimpse-recs');
  await expect(recs.locator('.card')).toHaveCount(4);
  await expect(recs.locator('.title')).toHaveText('Picked for you');
  // Cold start: the partner's own catalog order.
  expect(await ids(page)).toEqual(['red-tee-1', 'blue-dress-1', 'green-scarf-1', 'yellow-dress-1']);

  // The shopper buys two red items on the partner page.
  await page.locator('#shop .card[data-item-id="red-tee-1"] button').click();
  await expect(page.locator('#log')).toHaveText('Bought Red tee 1');
  await page.locator('#shop .card[data-item-id="red-dress-2"] button').click();
  await expect(page.locator('#log')).toHaveText('Bought Red dress 2');
  await page.locator('glimpse-recs').evaluate((el) => (el as HTMLElementTagNameMap['glimpse-recs']).refresh());
  const after = await ids(page);
  expect(after.slice(0, 2).sort()).toEqual(['red-scarf-3', 'red-tee-4']);
  expect(after).not.toContain('red-tee-1');
  await expect(recs.locator('.card').first().locator('.why')).toContainText('Because you bought Red');

  // A click on a card reaches the partner as a typed event.
  await recs.locator('.card').nth(1).locator('button').click();
  await expect(page.locator('#log')).toHaveText(new RegExp(`^Clicked ${after[1]} \\(#2\\): Because you bought Red`));

  // Reload: the profile lives in this origin's IndexedDB, namespaced by catalog.
  await page.reload();
  await expect(recs.locator('.card')).toHaveCount(4);
  await expect.poll(() => ids(page)).toEqual(after);
  const dbs = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(dbs).toContain('glimpse-widget:Atelier Example');

  expect(errors).toEqual([]);
  // Nothing but GETs of static files; nothing carries a body.
  for (const r of requests) {
    expect(r.method, r.url).toBe('GET');
    expect(r.body, r.url).toBeNull();
    expect(new URL(r.url).search, r.url).toBe('');
    expect([partner.url, widget.url, 'blob:'].some((o) => r.url.startsWith(o)), r.url).toBe(true);
  }
});
