import { expect, test } from '@playwright/test';

// Background retraining, visible and configurable: the For-you indicator, the run report in Insights, and
// the "Retrain in the background after" setting that the engine stores (IndexedDB settings).
const TINY = '/?catalog=fixtures/tiny/catalog.json';

test('a like shows "Learning from your likes…", Insights then lists a background run with its numbers, and the delay setting persists', async ({ page }) => {
  await page.goto(`${TINY}#/insights`);
  const panel = page.getByTestId('training-panel');
  const delay = panel.getByLabel('Retrain in the background after');
  await expect(delay).toHaveValue('20000'); // the default
  await delay.selectOption({ label: '5 s' });
  await expect(delay).toHaveValue('5000');
  await expect(panel.getByTestId('training-run').and(page.locator('[data-trigger=background]'))).toHaveCount(0);

  await page.evaluate(() => localStorage.setItem('glimpse.onboarding', 'skipped'));
  await page.goto(`${TINY}#/for-you`);
  const indicator = page.getByTestId('training-indicator');
  const first = page.getByTestId('feed').getByTestId('rec-card').first();
  await first.getByRole('button', { name: 'Like' }).click();
  // Queued for the 5 s debounce, then running: the indicator shows until the retrain has finished.
  await expect(indicator).toContainText('Learning from your likes…');
  await expect(indicator).toHaveAttribute('data-state', /queued|running/);
  await expect(indicator).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
  await expect(indicator).toHaveText('');

  await page.goto(`${TINY}#/insights`);
  const runs = panel.getByTestId('training-run').and(page.locator('[data-trigger=background]'));
  await expect(runs).toHaveCount(1);
  await expect(runs.first()).toContainText(/\d+(\.\d)? ms/);
  await expect(panel.getByTestId('training-model')).toHaveText('profile-taste-v1');
  await expect(panel.getByTestId('training-when')).toContainText('after new events');
  await expect(panel.getByTestId('training-epochs')).toHaveText('1');
  await expect(panel.getByTestId('training-samples')).toHaveText('1');
  await expect(panel.getByTestId('training-items')).toHaveText('24');
  await expect(panel.getByTestId('training-millis')).toHaveText(/^\d[\d,]*(\.\d)? ms$/);
  await expect(panel.getByTestId('training-rate')).toHaveText(/^[\d,]+ interactions\/s$/);
  // One liked item against 23 others, scored on the data it was trained on: labelled in-sample.
  await expect(panel.getByTestId('training-auc')).toHaveText(/^(0|1)\.\d{3}$/);
  await expect(panel.getByText('AUC (in-sample)').first()).toBeVisible();
  const version = Number((await panel.getByTestId('training-version').textContent())?.replace(/\D/g, ''));
  expect(version).toBeGreaterThanOrEqual(2); // the like's fold-in checkpoint, then the retrain's

  await delay.selectOption({ label: '1 min' });
  await expect(delay).toHaveValue('60000');
  await page.reload();
  await expect(page.getByTestId('training-panel').getByLabel('Retrain in the background after')).toHaveValue('60000');
  await page.getByTestId('training-panel').getByLabel('Retrain in the background after').selectOption({ label: 'Off' });
  await expect(page.getByTestId('training-state')).toHaveText('Background retraining is off. Your taste still updates with every like.');
});
