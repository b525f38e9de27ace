import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// The tiny committed fixture: 24 flat-colour items in 12 categories, fast to extract in the browser.
const TINY = '/?catalog=fixtures/tiny/catalog.json';
const onboarding = (page: Page) => page.getByTestId('onboarding');
const feedCards = (page: Page) => page.getByTestId('feed').getByTestId('rec-card');

async function settledFeed(page: Page) {
  await expect(feedCards(page).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('learning')).toHaveAttribute('data-state', 'idle');
}

test.describe('onboarding', () => {
  test('a new shopper picks three images by keyboard; the feed then explains itself with them and onboarding never returns', async ({ page }) => {
    await page.goto(`${TINY}#/for-you`);
    const picks = onboarding(page).getByTestId('starter-pick');
    await expect(picks).toHaveCount(12, { timeout: 60_000 });
    // Varied: the grid spans several categories and colours, not the first items of the catalog.
    const shown = await picks.evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-item-id')!, color: e.getAttribute('data-color')! })));
    expect(new Set(shown.map((s) => s.color)).size).toBeGreaterThanOrEqual(5);
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    const done = onboarding(page).getByRole('button', { name: 'Show my feed' });
    await picks.nth(0).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(onboarding(page).getByTestId('starter-count')).toHaveText('2 of 3 picked');
    await expect(done).toHaveAttribute('aria-disabled', 'true');
    await done.focus();
    await page.keyboard.press('Enter'); // Not enough yet: nothing happens.
    await expect(onboarding(page)).toBeVisible();
    await picks.nth(2).focus();
    await page.keyboard.press('Space');
    await expect(picks.nth(2)).toHaveAttribute('aria-pressed', 'true');
    await expect(done).toHaveAttribute('aria-disabled', 'false');
    await done.focus();
    await page.keyboard.press('Enter');

    await expect(onboarding(page)).toHaveCount(0);
    await settledFeed(page);
    await expect(page.getByTestId('liked-count')).toHaveText(/3 liked/);
    const picked = shown.slice(0, 3);
    const catalog = (await (await page.request.get('/fixtures/tiny/catalog.json')).json()) as { items: { id: string; title: string; category: string }[] };
    const pickedItems = picked.map((p) => catalog.items.find((i) => i.id === p.id)!);
    const titles = pickedItems.flatMap((i) => [i.title, i.category]);
    const why = await feedCards(page).evaluateAll((els) =>
      els.slice(0, 8).map((e) => ({ kind: e.querySelector('[data-testid=why]')?.getAttribute('data-kind') ?? '', text: e.querySelector('[data-testid=why]')?.textContent ?? '' })),
    );
    // Personal reasons only (no cold-start "popular in"), and they cite the picked items, their categories or colours.
    expect(why.every((w) => w.kind !== 'popular-in'), JSON.stringify(why)).toBe(true);
    const refs = [...titles, ...picked.map((p) => p.color)].map((s) => s.toLowerCase());
    expect(why.filter((w) => refs.some((r) => w.text.toLowerCase().includes(r))).length, JSON.stringify({ why, refs })).toBeGreaterThanOrEqual(4);

    await page.reload();
    await settledFeed(page);
    await expect(onboarding(page)).toHaveCount(0);
  });

  test('skipping shows the popular feed and is remembered across reloads', async ({ page }) => {
    await page.goto(`${TINY}#/for-you`);
    await onboarding(page).getByRole('button', { name: 'Skip for now' }).click();
    await settledFeed(page);
    await expect(feedCards(page).first().getByTestId('why')).toHaveAttribute('data-kind', 'popular-in');
    await page.reload();
    await settledFeed(page);
    await expect(onboarding(page)).toHaveCount(0);
  });

  test('"start from a photo of mine": a liked photo result seeds the profile, so For you shows the feed', async ({ page }) => {
    await page.goto(`${TINY}#/for-you`);
    await onboarding(page).getByRole('link', { name: 'Start from a photo of mine' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Search by photo' })).toBeVisible();
    await page.getByLabel('Choose or take a photo').setInputFiles(resolve(import.meta.dirname, '../public/fixtures/tiny/images/red-t-shirt.png'));
    const first = page.getByTestId('photo-results').getByTestId('rec-card').first();
    await expect(first).toHaveAttribute('data-item-id', 'red-t-shirt', { timeout: 60_000 });
    await first.getByRole('button', { name: 'Like' }).click();
    await expect(first.getByRole('button', { name: 'Like' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('photo-seed-hint').getByRole('link', { name: 'Go to For you' }).click();
    await settledFeed(page);
    await expect(onboarding(page)).toHaveCount(0);
    await expect(feedCards(page).first().getByTestId('why')).not.toHaveAttribute('data-kind', 'popular-in');
  });
});
