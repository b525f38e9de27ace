import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from '@playwright/test';
import { APP, withPreview } from '../lib/browser';
import type { BenchRow, BenchSuite } from '../lib/report';
import { failedRow, measuredRow, type RowSpec } from '../lib/rows';

const root = resolve(import.meta.dirname, '../..');

/** Gzipped size in KiB of every .js file under dir (recursively), and of the largest one. */
export function gzippedJs(dir: string): { totalKiB: number; largestKiB: number; files: number } {
  let total = 0,
    largest = 0,
    files = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) {
        const z = gzipSync(readFileSync(p), { level: 9 }).length;
        total += z;
        largest = Math.max(largest, z);
        files++;
      }
    }
  };
  walk(dir);
  return { totalKiB: total / 1024, largestKiB: largest / 1024, files };
}

const FIRST_REC_CARD_MARK = 'glimpse:first-rec-card'; // src/app/components/RecCard.tsx

/** ms from navigation start to the app's first-recommendation-card mark, and the JS heap then. */
async function firstRecCard(page: Page): Promise<{ ms: number; heapMB?: number }> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIRST_REC_CARD_MARK, { polling: 100, timeout: 0 });
  return page.evaluate((mark) => {
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return { ms: performance.getEntriesByName(mark)[0]!.startTime, heapMB: memory ? memory.usedJSHeapSize / 2 ** 20 : undefined };
  }, FIRST_REC_CARD_MARK);
}

/** Sum over the browser's processes (found by their profile dir) of each one's peak resident set, MiB. */
function chromiumPeakRssMiB(profileDir: string): number | undefined {
  let kib = 0;
  try {
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profileDir)) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (hwm) kib += Number(hwm[1]);
      } catch {
        // the process ended while we looked
      }
    }
  } catch {
    return undefined; // no /proc (not Linux)
  }
  return kib ? kib / 1024 : undefined;
}

/**
 * ms from clicking Like on a For you card to the feed's status settling on the new answer, `n` times, each on
 * the first card not yet liked. The status element goes learning -> idle when the refreshed feed commits.
 */
async function clickToRefresh(ctx: BrowserContext, url: string, n: number): Promise<number[]> {
  const page = await ctx.newPage();
  await page.goto(`${url}/#/for-you`);
  await page.getByTestId('onboarding').getByRole('button', { name: 'Skip for now' }).click();
  const status = page.getByTestId('learning');
  await status.and(page.locator('[data-state="idle"]')).waitFor();
  const out: number[] = [];
  for (let r = 0; r < n; r++) {
    const like = page.getByTestId('feed').getByRole('button', { name: 'Like', pressed: false }).first();
    await like.evaluate((el) => el.setAttribute('data-bench-like', ''));
    out.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const el = document.querySelector('[data-testid="learning"]')!;
            const button = document.querySelector<HTMLButtonElement>('[data-bench-like]')!;
            let t0 = 0;
            let learning = false;
            const timer = setTimeout(() => reject(new Error('the feed did not refresh within 10 s')), 10_000);
            new MutationObserver((changes, observer) => {
              for (const c of changes) {
                const state = (c.target as Element).getAttribute('data-state');
                if (state === 'learning') learning = true;
                else if (state === 'idle' && learning) {
                  observer.disconnect();
                  clearTimeout(timer);
                  resolve(performance.now() - t0);
                  return;
                }
              }
            }).observe(el, { attributes: true, attributeFilter: ['data-state'] });
            button.removeAttribute('data-bench-like');
            t0 = performance.now();
            button.click();
          }),
      ),
    );
    // Let a background retrain, if the like started one, end before the next click.
    await status.and(page.locator('[data-state="idle"]')).waitFor();
    await page.waitForTimeout(300);
  }
  return out;
}

/** The product page of the catalog's first item: its "similar" section is the first recommendation a visitor sees. */
function firstItemPath(): string {
  const catalog = JSON.parse(readFileSync(join(root, 'public', 'generated', 'catalog', 'catalog.json'), 'utf8')) as { items: { id: string }[] };
  return `/#/item/${encodeURIComponent(catalog.items[0]!.id)}`;
}

const suite: BenchSuite = {
  name: 'startup',
  description: 'built app (vite preview) in headless Chromium: time to the first recommendation card (first and repeat visit), gzipped bundles, heap and peak memory',
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    const reps = quick ? 2 : 5;
    const first: number[] = [],
      repeat: number[] = [],
      heap: number[] = [],
      peak: number[] = [];
    const path = firstItemPath();
    const spec = (c: string): RowSpec => ({ suite: 'startup', case: c, unit: 'ms', kind: 'time' });
    const repeatSpec: RowSpec = {
      ...spec('repeat visit to first recommendation card (chromium)'),
      target: { op: '<=', value: 1500 },
      notes: 'product page of the first catalog item, its "similar" section; same profile: HTTP cache, service worker and IndexedDB warm',
    };
    try {
      await withPreview(APP, log, async (s) => {
        for (let r = 0; r < reps; r++) {
          // A fresh profile each time: the first visit has no HTTP cache, service worker or IndexedDB.
          const dir = s.newProfileDir();
          await s.withContext(
            async (ctx) => {
              const page = await ctx.newPage();
              await page.goto(`${s.url}${path}`);
              first.push((await firstRecCard(page)).ms);
              // Let the service worker install and the store settle before the repeat visit.
              await page.waitForTimeout(1500);
              await page.goto('about:blank');
              await page.goto(`${s.url}${path}`);
              const b = await firstRecCard(page);
              repeat.push(b.ms);
              if (b.heapMB) heap.push(b.heapMB);
              const p = chromiumPeakRssMiB(dir);
              if (p) peak.push(p);
            },
            dir,
            120_000,
          );
        }
      });
      rows.push(measuredRow(spec('first visit to first recommendation card (chromium)'), first));
      rows.push(measuredRow(repeatSpec, repeat, { name: 'first visit', samples: first }));
    } catch (err) {
      log(`visits: ${err instanceof Error ? err.message : String(err)}`);
      rows.push(failedRow(repeatSpec, err));
    }
    const clickSpec: RowSpec = {
      ...spec('click Like to the refreshed For you feed, in the app (chromium, 1000-item demo catalog)'),
      target: { op: '<=', value: 50 },
      notes:
        'the whole path a shopper waits for: the click, the worker call, the durable IndexedDB write of the like, fold-in, ranking, the answer back and React committing the new feed (its status goes learning -> idle); the parameters\' checkpoint is written while the feed re-ranks, and the thumbnail warm-up pauses while the shopper interacts; the 10k-item fold-in + rank is the learning suite\'s row',
    };
    try {
      const clicks = await withPreview(APP, log, (s) => s.withContext((ctx) => clickToRefresh(ctx, s.url, quick ? 4 : 12), undefined, 120_000));
      rows.push(measuredRow(clickSpec, clicks));
    } catch (err) {
      log(`click to refresh: ${err instanceof Error ? err.message : String(err)}`);
      rows.push(failedRow(clickSpec, err));
    }
    const app = gzippedJs(join(root, 'dist', 'assets'));
    rows.push({ suite: 'startup', case: `app JS, gzipped (${app.files} files in dist/assets)`, unit: 'KiB', value: app.totalKiB, notes: `largest file ${app.largestKiB.toFixed(0)} KiB` });
    const widgetDir = join(root, 'dist-widget');
    if (existsSync(widgetDir)) {
      const w = gzippedJs(widgetDir);
      rows.push({ suite: 'startup', case: `widget JS, gzipped (${w.files} files in dist-widget)`, unit: 'KiB', value: w.totalKiB, notes: `largest file ${w.largestKiB.toFixed(0)} KiB` });
    } else log('no dist-widget/ (npm run build:widget): widget bundle size not measured');
    if (heap.length) rows.push({ ...measuredRow({ suite: 'memory', case: 'JS heap at first recommendation card, repeat visit (chromium performance.memory)', unit: 'MiB', kind: 'time' }, heap) });
    if (peak.length) rows.push({ ...measuredRow({ suite: 'memory', case: 'peak memory of the browser over both visits (sum of per-process peak RSS)', unit: 'MiB', kind: 'time' }, peak) });
    return rows;
  },
};

export default suite;
