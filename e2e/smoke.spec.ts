import { expect, test } from '@playwright/test';

test('the app shell loads with no third-party requests', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (req) => {
    if (new URL(req.url()).origin !== new URL(page.url() === 'about:blank' ? req.url() : page.url()).origin) {
      foreign.push(req.url());
    }
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Glimpse' }).first()).toBeVisible();
  expect(foreign).toEqual([]);
});
