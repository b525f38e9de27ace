import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// The tiny committed fixture (public/fixtures/tiny): 24 items, 8 categories, 3 per category.
const TINY = '/?catalog=fixtures/tiny/catalog.json';

const cards = (page: Page) => page.getByTestId('product-card');
const card = (page: Page, title: string) => page.locator(`[data-testid=product-card][aria-label="${title}"]`);

test.describe('catalog', () => {
  // These specs test the catalog UI, not offline caching: no service worker between page.route and the app.
  test.use({ serviceWorkers: 'block' });

  test('demo catalog loads, labelled as demo data, and the grid is virtualised', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByText('Demo data', { exact: true })).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'About this catalog' })).toContainText('CC0');
    const count = page.getByTestId('result-count');
    await expect(count).toHaveText(/Showing [\d,]+ of [\d,]+ items/);
    const total = Number((await count.textContent())!.match(/of ([\d,]+)/)![1].replace(/,/g, ''));
    expect(total).toBeGreaterThanOrEqual(200);
    await expect(cards(page).first()).toBeVisible();
    const rendered = await cards(page).count();
    expect(rendered).toBeLessThan(total / 4);
    // Scrolling to the end renders the last items and still only a screenful of cards.
    const firstId = await cards(page).first().getAttribute('data-item-id');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(cards(page).first()).not.toHaveAttribute('data-item-id', firstId!);
    expect(await cards(page).count()).toBeLessThan(total / 4);
    await expect(cards(page).last().locator('img')).toHaveJSProperty('complete', true);
  });

  test('browses the tiny catalog with titles, prices and thumbnails', async ({ page }) => {
    await page.goto(TINY);
    await expect(page.getByTestId('result-count')).toHaveText('Showing 24 of 24 items');
    const red = card(page, 'Red T-Shirt');
    await expect(red).toContainText('$9.99');
    await expect(red.locator('img')).toHaveJSProperty('naturalWidth', 128);
    await expect(card(page, 'White Skirt')).toContainText('Out of stock');
    await expect(card(page, 'White Skirt').getByRole('button', { name: 'Add to cart' })).toBeDisabled();
  });

  test('filters by category and searches title, category and tags', async ({ page }) => {
    await page.goto(TINY);
    await page.getByLabel('Category').selectOption('Dress');
    await expect(page.getByTestId('result-count')).toHaveText('Showing 3 of 24 items');
    await expect(cards(page)).toHaveCount(3);
    const titles = await cards(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(titles).toEqual(['Black Dress', 'White Dress', 'Orange White-Striped Dress']);
    await expect(page).toHaveURL(/#\/\?category=Dress/);

    await page.getByLabel('Category').selectOption('');
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('striped');
    await expect(cards(page)).toHaveCount(8);
    await search.fill('green pants');
    await expect(cards(page)).toHaveCount(1);
    await expect(card(page, 'Green Pants')).toBeVisible();
    await search.fill('no such thing');
    await expect(page.getByText('No items match')).toBeVisible();
  });

  test('opens a product page and goes back to the filtered grid', async ({ page }) => {
    await page.goto(TINY);
    await page.getByRole('searchbox', { name: 'Search' }).fill('pants');
    await expect(cards(page)).toHaveCount(3);
    await card(page, 'Green Pants').getByRole('link', { name: 'Green Pants' }).click();
    await expect(page).toHaveURL(/#\/item\/green-pants$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Green Pants' })).toBeVisible();
    await expect(page.getByText('$18.99')).toBeVisible();
    await expect(page.getByRole('img', { name: 'Green Pants' })).toHaveJSProperty('naturalWidth', 224);
    await page.getByRole('button', { name: 'Back to catalog' }).click();
    await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('pants');
    await expect(cards(page)).toHaveCount(3);
    // A deep link works too, and an unknown id says so.
    await page.goto(`${TINY}#/item/no-such-item`);
    await expect(page.getByRole('heading', { name: 'Item not found' })).toBeVisible();
  });

  test('interaction buttons record and show their state', async ({ page }) => {
    await page.goto(TINY);
    const red = card(page, 'Red T-Shirt');
    const like = red.getByRole('button', { name: 'Like' });
    await expect(like).toHaveAttribute('aria-pressed', 'false');
    await like.click();
    await expect(like).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('liked-count')).toHaveText(/1 liked/);
    await expect(page.getByRole('status').getByText('Liked “Red T-Shirt”')).toBeVisible();

    await red.getByRole('link', { name: 'Red T-Shirt' }).click();
    const actions = page.getByRole('group', { name: 'Actions for Red T-Shirt' });
    await expect(actions.getByRole('button', { name: 'Like' })).toHaveAttribute('aria-pressed', 'true');
    await actions.getByRole('button', { name: 'Save' }).click();
    await expect(actions.getByRole('button', { name: 'Save' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('saved-count')).toHaveText(/1 saved/);
    await actions.getByRole('button', { name: 'Add to cart' }).click();
    await actions.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByTestId('cart-count')).toHaveText(/2 in cart/);
    await expect(actions.getByTestId('item-cart-count')).toHaveText(/2/);
    await actions.getByRole('button', { name: 'Buy now' }).click();
    await expect(page.getByRole('status').getByText('Purchased “Red T-Shirt”')).toBeVisible();

    await page.getByRole('button', { name: 'Back to catalog' }).click();
    const blue = card(page, 'Blue Shirt');
    await blue.getByRole('button', { name: 'Not for me' }).click();
    await expect(page.getByRole('status').getByText('Dismissed “Blue Shirt”')).toBeVisible();
    await expect(blue).toHaveCount(0);
    await expect(page.getByTestId('result-count')).toHaveText('Showing 23 of 24 items');
    await page.getByLabel('Show dismissed (1)').check();
    await expect(card(page, 'Blue Shirt').getByRole('button', { name: 'Not for me' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('columns follow the width, and Back restores the scroll position', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 700 });
    await page.goto(TINY);
    const top = async (title: string) => (await card(page, title).boundingBox())!.y;
    expect(await top('Red T-Shirt')).toBe(await top('Blue Shirt'));
    expect(await top('Green Pants')).toBeGreaterThan(await top('Red T-Shirt'));

    await page.setViewportSize({ width: 1280, height: 700 });
    await expect.poll(() => top('White Skirt')).toBe(await top('Red T-Shirt')); // 6 columns

    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const last = card(page, 'Blue White-Striped Shoes');
    await expect(last).toBeInViewport();
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(200);
    await last.getByRole('link', { name: 'Blue White-Striped Shoes' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Blue White-Striped Shoes' })).toBeVisible();
    await page.getByRole('button', { name: 'Back to catalog' }).click();
    await expect(last).toBeInViewport();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(scrolled);
  });

  test('works from the keyboard', async ({ page }) => {
    await page.goto(TINY);
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.focus();
    await page.keyboard.type('orange hat');
    await expect(cards(page)).toHaveCount(1);
    // category, colour, min price, max price, sort, in-stock, then the title link of the only card
    for (let i = 0; i < 7; i++) await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Orange Hat' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(card(page, 'Orange Hat').getByRole('button', { name: 'Like' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(card(page, 'Orange Hat').getByRole('button', { name: 'Like' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('link', { name: 'Orange Hat' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Orange Hat' })).toBeVisible();
  });

  test('a catalog that fails validation names the item and field', async ({ page }) => {
    await page.goto('/?catalog=fixtures/bad/catalog.json');
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'This catalog could not be loaded' })).toBeVisible();
    await expect(page.getByTestId('catalog-error-message')).toContainText('item "bad-price-item" items[1].price');
    await expect(alert.getByRole('listitem')).toContainText(['Item bad-price-item, field items[1].price']);
    await expect(cards(page)).toHaveCount(0);
  });

  test('missing catalogs and other origins are refused with a clear message', async ({ page }) => {
    await page.goto('/?catalog=fixtures/none/catalog.json');
    await expect(page.getByTestId('catalog-error-message')).toContainText('No catalog at');
    await page.goto('/?catalog=https://example.com/catalog.json');
    await expect(page.getByTestId('catalog-error-message')).toContainText('only catalogs from');
  });

  test('a missing thumbnail shows a placeholder and the grid stays intact', async ({ page }) => {
    await page.route('**/fixtures/tiny/thumbs/red-t-shirt.webp', (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto(TINY);
    // The card's image link is aria-hidden (the title link is the accessible one), so find it by test id.
    const placeholder = card(page, 'Red T-Shirt').getByTestId('image-placeholder');
    await expect(placeholder).toBeVisible();
    await expect(placeholder).toHaveAttribute('aria-label', 'No image: Red T-Shirt');
    await expect(card(page, 'Red T-Shirt').locator('img')).toHaveCount(0);
    await expect(card(page, 'Blue Shirt').locator('img')).toHaveJSProperty('naturalWidth', 128);
    await expect(cards(page)).toHaveCount(24);
  });

  test('grid and product page have no detectable accessibility violations', async ({ page }) => {
    for (const path of [TINY, `${TINY}#/item/green-striped-t-shirt`]) {
      await page.goto(path);
      await expect(page.locator('main h1').first()).toBeAttached();
      await expect(page.getByTestId('product-card').or(page.getByRole('heading', { level: 1 })).first()).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  });
});
