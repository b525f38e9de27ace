import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { APP, withPreview } from '../lib/browser';
import type { BenchRow, BenchSuite } from '../lib/report';
import { summarize } from '../lib/stats';

const root = resolve(import.meta.dirname, '../..');
const CARD = '[data-testid=product-card]';

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

/** ms from navigation start to the first product card with a decoded image, measured in the page. */
async function firstGrid(page: Page): Promise<{ ms: number; heapMB?: number }> {
  await page.waitForFunction(
    (sel) => {
      const img = document.querySelector(`${sel} img`) as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    },
    CARD,
    { polling: 'raf', timeout: 120_000 },
  );
  return page.evaluate(() => ({
    ms: performance.now(),
    heapMB: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize
      ? (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 2 ** 20
      : undefined,
  }));
}

const suite: BenchSuite = {
  name: 'startup',
  description: "built app in headless Chromium: time to the first catalog card (first and repeat visit), gzipped bundles, page heap",
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    const reps = quick ? 2 : 5;
    const first: number[] = [],
      repeat: number[] = [],
      heap: number[] = [];
    await withPreview(APP, log, async (s) => {
      for (let r = 0; r < reps; r++) {
        // A fresh profile each time: the first visit has no HTTP cache, service worker or IndexedDB.
        await s.withContext(async (ctx) => {
          const page = await ctx.newPage();
          await page.goto(`${s.url}/`);
          const a = await firstGrid(page);
          first.push(a.ms);
          // Let the service worker install and the store settle before the repeat visit.
          await page.waitForTimeout(1500);
          await page.goto(`${s.url}/`);
          const b = await firstGrid(page);
          repeat.push(b.ms);
          if (b.heapMB) heap.push(b.heapMB);
        }, s.newProfileDir());
      }
    });
    const f = summarize(first),
      rp = summarize(repeat);
    rows.push({ suite: 'startup', case: 'first visit to first catalog card (chromium)', unit: 'ms', value: f.median, min: f.min, max: f.max, n: f.n });
    rows.push({
      suite: 'startup',
      case: 'repeat visit to first catalog card (chromium)',
      unit: 'ms',
      value: rp.median,
      min: rp.min,
      max: rp.max,
      n: rp.n,
      baseline: { name: 'first visit', value: f.median },
      speedup: f.median / rp.median,
      target: { op: '<=', value: 1500 },
      notes: 'target is for first recommendations; the app shows no recommendation list on load yet, so this is the catalog grid',
    });
    const app = gzippedJs(join(root, 'dist', 'assets'));
    rows.push({ suite: 'startup', case: `app JS, gzipped (${app.files} files in dist/assets)`, unit: 'KiB', value: app.totalKiB, notes: `largest file ${app.largestKiB.toFixed(0)} KiB` });
    const widgetDir = join(root, 'dist-widget');
    if (existsSync(widgetDir)) {
      const w = gzippedJs(widgetDir);
      rows.push({ suite: 'startup', case: `widget JS, gzipped (${w.files} files in dist-widget)`, unit: 'KiB', value: w.totalKiB });
    } else log('no dist-widget/: widget bundle size not measured');
    if (heap.length) rows.push({ suite: 'memory', case: 'JS heap at first card, repeat visit (chromium performance.memory)', unit: 'MiB', value: summarize(heap).median });
    return rows;
  },
};

export default suite;
