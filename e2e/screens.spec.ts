import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// The tiny committed fixture: 24 flat-colour items, fast to extract in the browser.
const TINY = '/?catalog=fixtures/tiny/catalog.json';
const TINY_IMAGES = resolve(import.meta.dirname, '../public/fixtures/tiny/images');
const SCREENS = ['for-you', '', 'item/red-t-shirt', 'photo', 'taste', 'insights'] as const;

async function ready(page: Page, screen: string) {
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.getByTestId('progress')).toHaveCount(0, { timeout: 60_000 });
  if (screen === 'for-you') await expect(page.getByTestId('learning')).toHaveAttribute('data-state', 'idle');
  if (screen === 'for-you' || screen.startsWith('item/')) await expect(page.getByTestId('rec-card').first()).toBeVisible();
  if (screen === 'taste') await expect(page.getByTestId('taste-map')).toBeVisible();
  if (screen === 'insights') await expect(page.getByTestId('features-status')).toBeVisible();
  if (screen === '') await expect(page.getByTestId('product-card').first()).toBeVisible();
}

async function likeSome(page: Page) {
  await page.goto(`${TINY}#/`);
  for (const title of ['Red T-Shirt', 'Red Shoes', 'Orange Hat']) {
    await page.locator(`[data-testid=product-card][aria-label="${title}"]`).getByRole('button', { name: 'Like' }).click();
  }
  await page.locator('[data-testid=product-card][aria-label="Blue Shirt"]').getByRole('button', { name: 'Not for me' }).click();
}

test.describe('screens', () => {
  test.describe.configure({ timeout: 300_000 });

  test('every screen passes axe (no serious or critical violations) in light and dark', async ({ page }) => {
    await likeSome(page);
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => localStorage.setItem('glimpse.theme', t), theme);
      for (const screen of SCREENS) {
        await page.goto(`${TINY}#/${screen}`);
        await ready(page, screen);
        const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
        const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(bad.map((v) => `${theme} #/${screen} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }
    }
  });

  test('catalog filters: named colour from the vision features, price range, stock and sort by price', async ({ page }) => {
    await page.goto(`${TINY}#/`);
    await expect(page.getByTestId('result-count')).toHaveText('Showing 24 of 24 items');
    await page.getByLabel('Colour').selectOption('red');
    await expect(page.getByTestId('result-count')).toHaveText('Showing 3 of 24 items');
    await page.getByLabel('Colour').selectOption('');
    await page.getByLabel('In stock only').check();
    await expect(page.getByTestId('result-count')).toHaveText('Showing 23 of 24 items');
    await page.getByLabel('Min price').fill('20');
    await page.getByLabel('Max price').fill('30');
    await expect(page).toHaveURL(/min=20.*max=30.*stock=1/);
    await page.getByLabel('Sort').selectOption('price-asc');
    const prices = await page.getByTestId('product-card').locator('.price').allTextContents();
    const values = prices.map((p) => Number(p.replace(/[^\d.]/g, '')));
    expect(values.every((v) => v >= 20 && v <= 30)).toBe(true);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    await page.getByLabel('Sort').selectOption('relevance');
    await expect(page).toHaveURL(/sort=relevance/);
  });

  test('My taste: preferences, history with remove, pause, export, import and delete everything', async ({ page }) => {
    await likeSome(page);
    await page.goto(`${TINY}#/taste`);
    // The footer's privacy panel has its own export/delete buttons: use the ones on this screen.
    const main = page.getByRole('main');
    await expect(page.getByTestId('pref-colors').locator('li').first()).toHaveAttribute('data-name', 'red');
    await expect(page.getByTestId('taste-point')).toBeAttached();
    const history = page.getByTestId('history');
    await expect(history.locator('li[data-kind=like]')).toHaveCount(3);
    await history.getByRole('button', { name: 'Remove Liked of Orange Hat' }).click();
    await expect(history.locator('li[data-kind=like]')).toHaveCount(2);

    const download = page.waitForEvent('download');
    await main.getByRole('button', { name: 'Export my data' }).click();
    const file = await (await download).path();

    await main.getByRole('button', { name: 'Delete everything' }).click();
    await main.getByRole('button', { name: 'Cancel' }).click();
    await expect(history.locator('li')).not.toHaveCount(0);
    await main.getByRole('button', { name: 'Delete everything' }).click();
    await main.getByRole('button', { name: 'Yes, delete everything' }).click();
    await expect(page.getByText('No interactions yet.')).toBeVisible();
    await expect(page.getByTestId('taste-events')).toHaveText('0 interactions');

    await main.getByLabel('Import data').setInputFiles(file);
    await expect(history.locator('li[data-kind=like]')).toHaveCount(2);
    await main.getByLabel('Import data').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"nope":1}') });
    await expect(page.getByTestId('toast')).toContainText('Import failed');

    // The checkbox reflects the stored setting, so it turns checked only after the worker confirms the write.
    await main.getByLabel('Pause learning').click();
    await expect(main.getByLabel('Pause learning')).toBeChecked();
    await page.goto(`${TINY}#/`);
    await page.locator('[data-testid=product-card][aria-label="Green Pants"]').getByRole('button', { name: 'Like' }).click();
    await page.goto(`${TINY}#/taste`);
    await expect(history.locator('li[data-kind=like]')).toHaveCount(2);
    await expect(main.getByLabel('Pause learning')).toBeChecked();
  });

  test('language and theme switch, persist across reloads, and the insights screen reports the engine', async ({ page }) => {
    await page.goto(`${TINY}#/insights`);
    await expect(page.getByTestId('engine-name')).toBeVisible();
    await expect(page.getByTestId('eval-missing').or(page.getByTestId('metrics-chart').first())).toBeVisible();
    await expect(page.getByTestId('features-status')).toContainText('24 of 24');
    // The engine's worker decoded those photos in its second worker (src/worker/prep-worker.ts).
    expect(page.workers().map((w) => w.url())).toContainEqual(expect.stringContaining('prep-worker'));
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '为你推荐' })).toBeVisible();
    await page.getByLabel('主题').selectOption('dark');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: '洞察' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(bg).toBe('rgb(20, 22, 26)');
  });

  test('screenshots of every screen: light/dark, English/Chinese, phone/desktop', async ({ page }) => {
    test.setTimeout(600_000);
    const sizes = [[390, 844, 'phone'], [1280, 900, 'desktop']] as const;
    // Onboarding first, while the profile is new (choosing a language or theme does not end it).
    await page.goto(`${TINY}#/for-you`);
    for (const [width, height, device] of sizes) {
      await page.setViewportSize({ width, height });
      for (const locale of ['en', 'zh-CN']) {
        for (const theme of ['light', 'dark']) {
          await page.evaluate(([l, t]) => (localStorage.setItem('glimpse.locale', l), localStorage.setItem('glimpse.theme', t)), [locale, theme]);
          await page.reload();
          await expect(page.getByTestId('starter-pick')).toHaveCount(12, { timeout: 60_000 });
          await expect(page.getByTestId('progress')).toHaveCount(0, { timeout: 60_000 });
          await page.getByTestId('starter-pick').nth(1).click();
          await page.waitForTimeout(300);
          await page.screenshot({ path: `test-results/screens/onboarding-${theme}-${locale}-${device}.png`, fullPage: device === 'desktop' });
        }
      }
    }
    // likeSome finds buttons by their English names; a hash-only goto would not re-read the language.
    await page.evaluate(() => localStorage.setItem('glimpse.locale', 'en'));
    await page.reload();
    await likeSome(page);
    for (const [width, height, device] of sizes) {
      await page.setViewportSize({ width, height });
      for (const locale of ['en', 'zh-CN']) {
        for (const theme of ['light', 'dark']) {
          await page.evaluate(([l, t]) => (localStorage.setItem('glimpse.locale', l), localStorage.setItem('glimpse.theme', t)), [locale, theme]);
          for (const screen of SCREENS) {
            await page.goto(`${TINY}#/${screen === 'insights' ? 'photo' : screen}`);
            await page.reload();
            await expect(page.locator('main h1').first()).toBeVisible();
            await expect(page.getByTestId('progress')).toHaveCount(0, { timeout: 60_000 });
            if (screen === 'insights') {
              // A photo search loads the on-device model in this page's worker, so Insights shows the backend
              // table and a training run (a reload would start a new worker without them).
              await page.locator('input[type=file][accept="image/*"]').setInputFiles(resolve(TINY_IMAGES, 'red-t-shirt.png'));
              await expect(page.getByTestId('photo-results').getByTestId('rec-card').first()).toBeVisible({ timeout: 120_000 });
              await page.goto(`${TINY}#/insights`);
              await expect(page.locator('section[aria-labelledby=ins-backend] table')).toBeVisible();
              // Exactly one backend is in use, and its outcome is in the shopper's language.
              await expect(page.getByTestId(/^backend-status-/).filter({ hasText: locale === 'en' ? /^Chosen$/ : /^已选用$/ })).toHaveCount(1);
              await expect(page.getByTestId('training-last')).toBeVisible();
            }
            await ready(page, screen);
            await page.waitForTimeout(300);
            const name = screen.replace(/\W+/g, '-') || 'catalog';
            // Insights is reviewed whole on the phone too (its panels stack far below the fold).
            const fullPage = device === 'desktop' || screen === 'insights';
            await page.screenshot({ path: `test-results/screens/${name}-${theme}-${locale}-${device}.png`, fullPage });
          }
        }
      }
    }
  });
});
