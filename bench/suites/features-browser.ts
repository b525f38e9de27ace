import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { HarnessResult } from '../browser/run';
import { APP, withPreview, type BrowserSession } from '../lib/browser';
import type { BenchRow, BenchSuite } from '../lib/report';
import { summarize } from '../lib/stats';

const root = resolve(import.meta.dirname, '../..');
const IMAGES = join(root, 'public', 'generated', 'catalog', 'images');

/**
 * MobileNetV2 feature extraction in headless Chromium, per TF.js backend, through the app's bench.html
 * harness (bench/browser/run.ts): the fast path (Web Worker, batch 4) against the naive baseline (main
 * thread, one image per call), both on real catalog photos (decode + preprocess + infer), in the same run.
 * Each configuration runs in a fresh browser: load + warm-up, then `rounds` timed rounds; the value is the
 * median images/s over rounds after the first. WebGL/WebGPU are SwiftShader here (software), hence fewer
 * images; cpu (plain JS) gets one image and one round.
 */
interface Leg {
  backend: 'wasm' | 'webgl' | 'webgpu' | 'cpu';
  images: number;
  rounds: number;
}

async function run(s: BrowserSession, leg: Leg, files: string[], worker: boolean): Promise<{ rates: number[]; loadMs: number; chosen: string }> {
  const q = new URLSearchParams({
    backend: leg.backend,
    images: files.slice(0, leg.images).map((f) => `photo:${f}`).join(','),
    repeat: String(leg.rounds),
    batch: worker ? '4' : '1',
    ...(worker ? { worker: '1' } : {}),
  });
  return s.withPage(`/bench.html?${q.toString()}`, async (page) => {
    await page.waitForFunction(() => (window as { __glimpseHarness?: unknown }).__glimpseHarness !== undefined, undefined, {
      timeout: 600_000,
      polling: 500,
    });
    const r = (await page.evaluate(() => (window as { __glimpseHarness?: unknown }).__glimpseHarness)) as HarnessResult;
    if (r.status !== 'done') throw new Error(`${leg.backend}: ${r.error ?? 'failed'}`);
    const failed = r.items!.filter((i) => !i.ok);
    if (failed.length) throw new Error(`${leg.backend}: ${failed[0]!.id}: ${failed[0]!.error}`);
    const timed = r.roundMs!.length > 1 ? r.roundMs!.slice(1) : r.roundMs!;
    return { rates: timed.map((ms) => leg.images / (ms / 1000)), loadMs: r.loadMs!, chosen: r.report!.chosen };
  });
}

const suite: BenchSuite = {
  name: 'features-browser',
  description: 'MobileNetV2 in headless Chromium per backend: worker batch 4 vs main thread one at a time (images/s)',
  async run({ quick, log }) {
    const files = readdirSync(IMAGES).filter((f) => f.endsWith('.jpg')).sort();
    const legs: Leg[] = [
      { backend: 'wasm', images: quick ? 4 : 16, rounds: quick ? 2 : 4 },
      { backend: 'webgl', images: 2, rounds: quick ? 2 : 3 },
      { backend: 'webgpu', images: 1, rounds: 2 },
      { backend: 'cpu', images: 1, rounds: 1 },
    ];
    const rows: BenchRow[] = [];
    await withPreview(APP, log, async (s) => {
      let wasmRate = NaN;
      for (const leg of legs) {
        const fast = await run(s, leg, files, true);
        const naive = await run(s, leg, files, false);
        if (fast.chosen !== leg.backend) log(`${leg.backend}: fell back to ${fast.chosen}`);
        const f = summarize(fast.rates), n = summarize(naive.rates);
        if (leg.backend === 'wasm') wasmRate = f.median;
        log(`${leg.backend}: ${f.median.toFixed(2)} img/s (worker, batch 4) vs ${n.median.toFixed(2)} (main, batch 1); load ${fast.loadMs.toFixed(0)} ms`);
        rows.push({
          suite: 'features-browser',
          case: `chromium ${fast.chosen}: worker, batch 4, decode + embed (${leg.images} photos)`,
          unit: 'images/s',
          value: f.median,
          min: f.min,
          max: f.max,
          n: f.n,
          baseline: { name: 'main thread, one image per call', value: n.median },
          speedup: f.median / n.median,
          ...(leg.backend === 'wasm' ? { target: { op: '>=' as const, value: 20 } } : {}),
          notes:
            `load + warm-up ${(fast.loadMs / 1000).toFixed(1)} s` +
            (leg.backend === 'wasm' ? '' : `; ${(f.median / wasmRate).toFixed(3)}x wasm's rate`) +
            (leg.backend === 'webgl' || leg.backend === 'webgpu' ? ' (SwiftShader software renderer)' : ''),
        });
      }
    });
    return rows;
  },
};

export default suite;
