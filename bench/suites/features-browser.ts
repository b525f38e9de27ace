import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type { HarnessResult } from '../browser/run';
import { APP, withPreview, type BrowserSession } from '../lib/browser';
import { sampleCpu } from '../lib/machine';
import type { BenchRow, BenchSuite } from '../lib/report';
import { failedRow, measuredRow, type RowSpec } from '../lib/rows';
import { summarize } from '../lib/stats';

const root = resolve(import.meta.dirname, '../..');
const IMAGES = join(root, 'public', 'generated', 'catalog', 'images');

/**
 * MobileNetV2 feature extraction in headless Chromium, per TF.js backend, through the app's bench.html
 * harness (bench/browser/run.ts), on real catalog photos, each fast path against its naive baseline in the
 * same run: the bare Extractor (Web Worker, batch 4, decode + embed) against one image per call on the main
 * thread, and for wasm the app's worker pipeline (what the targets are about: hash, decode, colour
 * attributes, embed, with a second worker decoding) against the same work one image at a time on the main
 * thread.
 * wasm runs single-threaded (the widget's build) and threaded with 2 threads (the app's build where the page
 * is cross-origin isolated; 2 is forced, tfjs-backend-wasm would take half of this box's 2 cores).
 * Each configuration runs in a fresh browser: load + warm-up, then `rounds` timed rounds; the value is the
 * median images/s over rounds after the first. WebGL/WebGPU are SwiftShader here (software), hence fewer
 * images; cpu (plain JS) gets one image and one round. Every page has a time limit: a case that runs out is
 * a failed row, not a hung run.
 */
interface Leg {
  backend: 'wasm' | 'webgl' | 'webgpu' | 'cpu';
  /** wasm only: 0 = single-threaded build, n = threaded build with n threads. */
  threads?: number;
  images: number;
  rounds: number;
  /** Per page (fast or baseline), ms. */
  timeoutMs: number;
}

/**
 * One harness page. `extractor`: the bare Extractor, batch 4 in a worker (fast) or one image per call on the
 * main thread (naive). `app`: the app's worker pipeline (engine port, colour attributes, a second worker
 * decoding, the service's items in flight) or its naive form (main thread, no second worker, one at a time).
 */
type Page = 'extractor-fast' | 'extractor-naive' | 'app-fast' | 'app-naive';

async function run(s: BrowserSession, leg: Leg, files: string[], kind: Page) {
  const fast = kind.endsWith('fast');
  const q = new URLSearchParams({
    backend: leg.backend,
    images: files.slice(0, leg.images).map((f) => `photo:${f}`).join(','),
    repeat: String(leg.rounds),
    batch: fast && kind.startsWith('extractor') ? '4' : '1',
    threads: String(leg.threads ?? 0),
    ...(fast ? { worker: '1' } : {}),
    ...(kind === 'extractor-fast' && leg.backend === 'wasm' ? { raw: '1' } : {}),
    ...(kind.startsWith('app') ? { app: '1' } : {}),
    ...(kind === 'app-naive' ? { prep: '0', inflight: '1' } : {}),
  });
  return s.withPage(
    `/bench.html?${q.toString()}`,
    async (page) => {
      const cpu = sampleCpu();
      try {
        await page.waitForFunction(() => (window as { __glimpseHarness?: unknown }).__glimpseHarness !== undefined, undefined, {
          timeout: 0,
          polling: 100,
        });
        const end = performance.now();
        const r = (await page.evaluate(() => (window as { __glimpseHarness?: unknown }).__glimpseHarness)) as HarnessResult;
        if (r.status !== 'done') throw new Error(`${leg.backend}: ${r.error ?? 'failed'}`);
        const failed = r.items!.filter((i) => !i.ok);
        if (failed.length) throw new Error(`${leg.backend}: ${failed[0]!.id}: ${failed[0]!.error}`);
        const timed = r.roundMs!.length > 1 ? r.roundMs!.slice(1) : r.roundMs!;
        // The timed rounds end the run (up to one 100 ms poll before `end`): the machine's CPU use over them.
        const timedMs = timed.reduce((a, b) => a + b, 0);
        const busyCores = cpu.busyCores(end - timedMs - 100, end);
        return { rates: timed.map((ms) => leg.images / (ms / 1000)), result: r, busyCores };
      } finally {
        cpu.stop();
      }
    },
    undefined,
    leg.timeoutMs,
  );
}

function label(leg: Leg): string {
  if (leg.backend !== 'wasm') return leg.backend;
  return leg.threads ? `wasm ${leg.threads} threads` : 'wasm 1 thread';
}

const ms = (x: number) => `${x.toFixed(0)} ms`;

/**
 * The wasm legs' breakdown from the worker page: load and warm-up apart, where a pipeline image's time goes
 * (on the worker thread; decoding runs a batch ahead, so only its unhidden wait counts), and the model alone
 * against the hand-built TF.js MobileNetV2 in the same page (is the rebuilt TFLite graph as fast as TF.js?).
 */
function detailRows(name: string, r: HarnessResult): BenchRow[] {
  const rows: BenchRow[] = [];
  const t = r.loadTimings;
  if (t) {
    rows.push({
      suite: 'features-browser',
      case: `chromium ${name}: model load, then warm-up (worker)`,
      unit: 'ms',
      value: t.fetchMs + t.backendMs + t.buildMs,
      notes: `load = fetch ${ms(t.fetchMs)} + backend start ${ms(t.backendMs)} + parse/dequantise/build ${ms(t.buildMs)}; warm-up (first batch-1 inference) ${ms(t.warmUpMs)}`,
    });
  }
  const st = r.stages;
  if (st && st.images > 0) {
    const per = (x: number) => x / st.images;
    const attrs = r.attributesMsPerImage;
    rows.push({
      suite: 'features-browser',
      case: `chromium ${name}: worker pipeline time per image by stage`,
      unit: 'ms/image',
      value: per(st.decodeMs + st.onDecodedMs + st.preprocessMs + st.inferMs),
      notes:
        `decode wait ${per(st.decodeMs).toFixed(1)} + resize/normalise ${per(st.preprocessMs).toFixed(1)} + inference ${per(st.inferMs).toFixed(1)}` +
        (attrs !== undefined ? `; the app's worker also computes colour attributes: ${attrs.toFixed(1)} ms/image more` : ''),
    });
  }
  if (r.rawImagesPerSec && r.referenceImagesPerSec) {
    rows.push({
      suite: 'features-browser',
      case: `chromium ${name}: the model alone on a ready tensor, batch 4 (worker)`,
      unit: 'images/s',
      value: r.rawImagesPerSec,
      baseline: { name: 'hand-built TF.js MobileNetV2 (fused ops)', value: r.referenceImagesPerSec },
      speedup: r.rawImagesPerSec / r.referenceImagesPerSec,
      notes: 'the rebuilt .tflite graph vs the same network written directly in TF.js, interleaved in one page',
    });
  }
  return rows;
}

/**
 * The targets' row: the app's worker pipeline as the service runs it (content hash, decode, resize and colour
 * attributes in the second worker, embedding, EXTRACT_IN_FLIGHT items at once), against the same work on the
 * main thread one image at a time with no second worker.
 */
async function appRow(s: BrowserSession, leg: Leg, files: string[], raw: number | undefined, log: (m: string) => void): Promise<BenchRow> {
  const spec: RowSpec = {
    suite: 'features-browser',
    case: `chromium ${label(leg)}: app worker pipeline, hash + decode + attributes + embed (${leg.images} photos)`,
    unit: 'images/s',
    kind: 'rate',
    target: { op: '>=', value: leg.threads === 2 ? 30 : 20 },
  };
  try {
    const fast = await run(s, leg, files, 'app-fast');
    const naive = await run(s, leg, files, 'app-naive');
    const f = summarize(fast.rates).median;
    const st = fast.result.stages;
    const timedMs = fast.result.roundMs!.slice(1).reduce((a, b) => a + b, 0);
    const notes = [
      raw ? `${((f / raw) * 100).toFixed(0)}% of the model alone (${raw.toFixed(1)} img/s, the Extractor page)` : '',
      // How much of the wall time the engine's thread spent in the model: near 100% means the second worker
      // kept up and the model is the limit; lower means the model waited for images.
      st && st.images && timedMs
        ? `model busy ${((100 * st.inferMs) / timedMs).toFixed(0)}% of the time (${(st.inferMs / st.images).toFixed(1)} ms/image; input tensor ${(st.preprocessMs / st.images).toFixed(1)})`
        : '',
      // All processes: near the core count means the box, not the pipeline's structure, is the limit.
      fast.busyCores !== undefined ? `whole machine busy ${fast.busyCores.toFixed(2)} of ${cpus().length} cores during the rounds` : '',
      `model load + first image ${(fast.result.loadMs! / 1000).toFixed(1)} s`,
      fast.result.report && fast.result.report.chosen !== leg.backend ? `FELL BACK to ${fast.result.report.chosen}` : '',
    ].filter(Boolean);
    log(`${label(leg)} app pipeline: ${f.toFixed(2)} img/s vs ${summarize(naive.rates).median.toFixed(2)} (main thread, one at a time)`);
    return measuredRow({ ...spec, notes: notes.join('; ') }, fast.rates, { name: 'main thread, one image at a time, no second worker', samples: naive.rates });
  } catch (err) {
    log(`${label(leg)} app pipeline: ${err instanceof Error ? err.message : String(err)}`);
    return failedRow(spec, err);
  }
}

const suite: BenchSuite = {
  name: 'features-browser',
  description: 'MobileNetV2 in headless Chromium per backend: the app worker pipeline and the bare Extractor vs main thread one at a time (images/s)',
  async run({ quick, log }) {
    const files = readdirSync(IMAGES).filter((f) => f.endsWith('.jpg')).sort();
    const legs: Leg[] = [
      { backend: 'wasm', threads: 0, images: quick ? 4 : 16, rounds: quick ? 2 : 4, timeoutMs: 240_000 },
      { backend: 'wasm', threads: 2, images: quick ? 4 : 16, rounds: quick ? 2 : 4, timeoutMs: 240_000 },
      { backend: 'webgl', images: 2, rounds: quick ? 2 : 3, timeoutMs: 180_000 },
      { backend: 'webgpu', images: 1, rounds: 2, timeoutMs: 180_000 },
      { backend: 'cpu', images: 1, rounds: 1, timeoutMs: 150_000 },
    ];
    const rows: BenchRow[] = [];
    await withPreview(APP, log, async (s) => {
      let wasmRate = NaN;
      for (const leg of legs) {
        const spec: RowSpec = {
          suite: 'features-browser',
          case: `chromium ${label(leg)}: Extractor in a worker, batch 4, decode + embed (${leg.images} photos)`,
          unit: 'images/s',
          kind: 'rate',
        };
        let raw: number | undefined;
        try {
          const fast = await run(s, leg, files, 'extractor-fast');
          const naive = await run(s, leg, files, 'extractor-naive');
          const r = fast.result;
          const chosen = r.report!.chosen;
          if (chosen !== leg.backend) log(`${leg.backend}: fell back to ${chosen}`);
          const f = summarize(fast.rates).median;
          raw = r.rawImagesPerSec;
          if (leg.backend === 'wasm' && !leg.threads) wasmRate = f;
          const notes = [
            `load + warm-up ${(r.loadMs! / 1000).toFixed(1)} s`,
            raw ? `${((f / raw) * 100).toFixed(0)}% of the model alone (${raw.toFixed(1)} img/s on a ready tensor, same page)` : '',
            r.wasmThreads !== undefined ? `pool ${r.wasmThreads} thread${r.wasmThreads > 1 ? 's' : ''}${r.isolated ? '' : ', page not cross-origin isolated'}` : '',
            leg.backend === 'wasm' && leg.threads ? `${(f / wasmRate).toFixed(2)}x the 1-thread rate` : '',
            leg.backend !== 'wasm' ? `${(f / wasmRate).toFixed(3)}x wasm's rate` : '',
            leg.backend === 'webgl' || leg.backend === 'webgpu' ? 'SwiftShader software renderer' : '',
            chosen !== leg.backend ? `FELL BACK to ${chosen}` : '',
          ].filter(Boolean);
          log(`${label(leg)}: ${f.toFixed(2)} img/s (worker, batch 4) vs ${summarize(naive.rates).median.toFixed(2)} (main, batch 1)`);
          rows.push(measuredRow({ ...spec, notes: notes.join('; ') }, fast.rates, { name: 'main thread, one image per call', samples: naive.rates }));
          if (leg.backend === 'wasm') rows.push(...detailRows(label(leg), r));
        } catch (err) {
          log(`${label(leg)}: ${err instanceof Error ? err.message : String(err)}`);
          rows.push(failedRow(spec, err));
        }
        if (leg.backend === 'wasm') rows.push(await appRow(s, leg, files, raw, log));
      }
    });
    return rows;
  },
};

export default suite;
