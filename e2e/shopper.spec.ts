import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { BLUE_FAMILY, buildColourCatalog, RED_FAMILY, type ColourCatalog } from './fixtures/colour-catalog';

// Real demo photos picked by colour in Node (fixtures/colour-catalog.ts), served as a same-origin catalog.
const COLOUR = '/?catalog=fixtures/colour-case/catalog.json';
const IMAGES = resolve(import.meta.dirname, '../public/generated/catalog/images');
let fixture: ColourCatalog;

// The PWA's service worker would answer the routed fixture URL with index.html before page.route sees it.
test.use({ serviceWorkers: 'block' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fixture = await buildColourCatalog();
});

test.beforeEach(async ({ page }) => {
  await page.route('**/fixtures/colour-case/catalog.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: fixture.json }),
  );
});

const feedCards = (page: Page) => page.getByTestId('feed').getByTestId('rec-card');

/** Waits until the feed is shown and no longer re-ranking. */
async function settledFeed(page: Page) {
  await expect(feedCards(page).first()).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId('learning')).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('progress')).toHaveCount(0);
}

async function topFeed(page: Page, n = 10) {
  await settledFeed(page);
  return feedCards(page).evaluateAll(
    (els, n) =>
      els.slice(0, n).map((e) => ({
        id: e.getAttribute('data-item-id')!,
        color: e.getAttribute('data-color') ?? '',
        why: e.querySelector('[data-testid=why]')?.getAttribute('data-kind') ?? '',
        text: e.querySelector('[data-testid=why]')?.textContent ?? '',
        score: Number(e.getAttribute('data-score')),
      })),
    n,
  );
}

async function likeOnProductPage(page: Page, id: string) {
  await page.goto(`${COLOUR}#/item/${id}`);
  const like = page.getByRole('group', { name: /^Actions for/ }).getByRole('button', { name: 'Like' });
  await like.click();
  await expect(like).toHaveAttribute('aria-pressed', 'true');
}

async function wipeProfile(page: Page) {
  await page.goto(`${COLOUR}#/taste`);
  await page.getByRole('main').getByRole('button', { name: 'Delete everything' }).click();
  await page.getByRole('main').getByRole('button', { name: 'Yes, delete everything' }).click();
  await expect(page.getByTestId('taste-events')).toHaveText('0 interactions');
}

test.describe('shopper', () => {
  test.describe.configure({ timeout: 300_000 });

  test('colour case: five red likes make the feed red with colour reasons; five blue likes on a fresh profile make it blue', async ({ page }) => {
    await page.goto(`${COLOUR}#/for-you`);
    // A new shopper is offered "pick a few images" first; skipping it shows the cold-start feed.
    await page.getByTestId('onboarding').getByRole('button', { name: 'Skip for now' }).click();
    const cold = await topFeed(page);
    expect(cold.every((c) => c.why === 'popular-in')).toBe(true);

    for (const id of fixture.red.slice(0, 5)) await likeOnProductPage(page, id);
    await page.goto(`${COLOUR}#/for-you`);
    const red = await topFeed(page);
    const redTop = red.filter((c) => RED_FAMILY.includes(c.color));
    expect(redTop.length, JSON.stringify(red)).toBeGreaterThanOrEqual(7);
    for (const c of redTop) {
      expect(c.why).toMatch(/^attribute-(color|warmth)$/);
      expect(c.text).toMatch(/Red|Burgundy|Warm/);
    }
    // Reloading keeps the profile and therefore the same feed.
    await page.reload();
    expect((await topFeed(page)).map((c) => c.id)).toEqual(red.map((c) => c.id));

    await wipeProfile(page);
    for (const id of fixture.blue.slice(0, 5)) await likeOnProductPage(page, id);
    await page.goto(`${COLOUR}#/for-you`);
    const blue = await topFeed(page);
    const blueTop = blue.filter((c) => BLUE_FAMILY.includes(c.color));
    // "Blue dominates": at least half the top 10 and twice the red family. (Only 7-9 blue-family items are left
    // to recommend after five are liked, and some read as mixed-colour to the app, so 7 of 10 is not the bar here.)
    const redInBlue = blue.filter((c) => RED_FAMILY.includes(c.color)).length;
    expect(blueTop.length, JSON.stringify(blue)).toBeGreaterThanOrEqual(5);
    expect(blueTop.length, JSON.stringify(blue)).toBeGreaterThanOrEqual(2 * redInBlue);
    for (const c of blueTop) expect(c.why).toMatch(/^(attribute-(color|warmth)|similar-to)$/);
  });

  test('"not interested" removes the item at once, pushes visually similar items down, and the feed survives a reload', async ({ page }) => {
    for (const id of fixture.red.slice(0, 3)) await likeOnProductPage(page, id);
    await page.goto(`${COLOUR}#/for-you`);
    const target = (await topFeed(page, 1))[0].id;
    // Its visual neighbours, from the product page (the visit itself is a weak positive signal).
    await page.goto(`${COLOUR}#/item/${target}`);
    const neighbours = await page.getByTestId('similar').getByTestId('rec-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')!));
    expect(neighbours.length).toBeGreaterThan(0);

    await page.goto(`${COLOUR}#/for-you`);
    const beforeCards = await topFeed(page, 24);
    expect(beforeCards.map((c) => c.id)).toContain(target);
    await page.locator(`[data-testid=feed] [data-item-id="${target}"]`).getByRole('button', { name: 'Not interested' }).click();
    await expect(page.locator(`[data-testid=feed] [data-item-id="${target}"]`)).toHaveCount(0);
    const after = await topFeed(page, 24);
    expect(after.map((c) => c.id)).not.toContain(target);
    // Down-weighting: scores of the dismissed item's visual neighbours fall more than everyone else's.
    const scoreBefore = new Map(beforeCards.map((c) => [c.id, c.score]));
    const drops = after.filter((c) => scoreBefore.has(c.id)).map((c) => ({ id: c.id, drop: scoreBefore.get(c.id)! - c.score }));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const near = drops.filter((d) => neighbours.includes(d.id)).map((d) => d.drop);
    const far = drops.filter((d) => !neighbours.includes(d.id)).map((d) => d.drop);
    expect(near.length).toBeGreaterThan(0);
    expect(mean(near)).toBeGreaterThan(mean(far));
    expect(Math.min(...near)).toBeGreaterThan(0);

    // Reloading keeps the feed: the dismissal is stored, so the same items come back in the same order.
    await page.reload();
    const reloaded = await topFeed(page, 24);
    expect(reloaded.map((c) => c.id)).not.toContain(target);
    expect(reloaded.map((c) => c.id)).toEqual(after.map((c) => c.id));
  });

  test('search by photo with a catalog image returns that item first and says the photo stays here', async ({ page }) => {
    const target = fixture.blue[2];
    await page.goto(`${COLOUR}#/photo`);
    await expect(page.getByTestId('photo-private')).toContainText('never leaves');
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.method() === 'GET' ? '' : r.url()));
    await page.getByLabel('Choose or take a photo').setInputFiles(resolve(IMAGES, `${target}.jpg`));
    const results = page.getByTestId('photo-results').getByTestId('rec-card');
    await expect(results.first()).toBeVisible({ timeout: 150_000 });
    await expect(results.first()).toHaveAttribute('data-item-id', target);
    await expect(results.first().getByTestId('why')).toContainText('Looks like your photo');
    expect(requests.filter(Boolean)).toEqual([]);
    expect(readFileSync(resolve(IMAGES, `${target}.jpg`)).length).toBeGreaterThan(0);

    // The photo loaded the on-device model: Insights names the backend it measured and why the others lost.
    await page.goto(`${COLOUR}#/insights`);
    const backend = page.getByRole('region', { name: 'Device backend' }).or(page.locator('section[aria-labelledby=ins-backend]'));
    await expect(backend.getByText(/wasm/).first()).toBeVisible();
    const rows = await backend.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.startsWith('✓'))).toHaveLength(1);
    expect(rows.join('\n')).toMatch(/webgl/);
  });
});
