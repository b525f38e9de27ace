import { topK, topKBySort } from '../../src/core/linalg';
import { scoreWithParams } from '../../src/core/models';
import { INDEX_MIN_ITEMS, mmr, rank, type RankOptions } from '../../src/core/rank';
import { BENCH_PAGE, callBench, withPreview, type BrowserSession } from '../lib/browser';
import { plainRankCase, RANK_K, sameTop, type PlainRankRun } from '../lib/rank-case';
import type { BenchRow, BenchSuite } from '../lib/report';
import { failedRow, measuredRow, type RowSpec } from '../lib/rows';
import { pairedSamples, summarize, type Summary } from '../lib/stats';
import { RANK_BACKENDS } from '../browser/rank-backends';

const K = RANK_K;
const TARGETS: Record<number, number> = { 100_000: 2, 1_000_000: 15 };

interface BrowserRank {
  fast: number[];
  naive: number[];
  typedArrays: number[];
  firstMs: number;
  same: boolean;
  threads: number;
  isolated: boolean;
}

/**
 * wasm 1 and 2 threads on every size; the SwiftShader "GPUs" are capped (webgl <= 100k, webgpu <= 10k items)
 * because past that one case takes minutes (PERF-FACTS 2.3, 2.5) and says nothing about real GPUs.
 */
function browserLegs(sizes: number[]): { backend: (typeof RANK_BACKENDS)[number]; n: number; threads: number }[] {
  return [
    ...sizes.map((n) => ({ backend: 'wasm' as const, n, threads: 0 })),
    ...sizes.map((n) => ({ backend: 'wasm' as const, n, threads: 2 })),
    ...sizes.filter((n) => n <= 100_000).map((n) => ({ backend: 'webgl' as const, n, threads: 0 })),
    ...sizes.filter((n) => n <= 10_000).map((n) => ({ backend: 'webgpu' as const, n, threads: 0 })),
  ];
}

function paired(fast: () => unknown, naive: () => unknown, reps: number): { fast: Summary; naive: Summary } {
  const s = pairedSamples(fast, naive, reps);
  return { fast: summarize(s.fast), naive: summarize(s.naive) };
}

const suite: BenchSuite = {
  name: 'ranking',
  description: `top-${K} over N items of 64-d factors (visual term folded in): rank() in Node and in Chromium (main thread, worker), TF.js backends for comparison, vs score-all + full sort`,
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
    for (const n of sizes) {
      const plainCase = plainRankCase(n);
      const { params, user, model } = plainCase;
      const scratch = new Float32Array(n);
      const reps = n >= 1_000_000 ? (quick ? 3 : 9) : quick ? 9 : 31;
      const label = sizeLabel(n);
      const target = TARGETS[n];

      // Plain top-k through rank(): from INDEX_MIN_ITEMS the int8 FactorIndex (built on the first call, timed
      // separately), below it exact scores + heap.
      const built = performance.now();
      const check = sameTop(plainCase.fast(), plainCase.naive());
      const buildMs = performance.now() - built;
      const plain = paired(plainCase.fast, plainCase.naive, reps);
      const how = n >= INDEX_MIN_ITEMS ? `${indexHow(plainCase.simd())}; first call incl. index build ${buildMs.toFixed(0)} ms` : 'exact scores + heap';
      rows.push(row(`top-${K} of ${label}`, plain, target, [how, check ? '' : 'RESULTS DIFFER'].filter(Boolean).join('; ')));

      // The exact float kernel alone (every row scored, bounded heap): the path below INDEX_MIN_ITEMS.
      const exactK = () => topK(scoreWithParams(params, user, scratch), K);
      const checkE = sameTop(exactK().indices, plainCase.naive());
      rows.push(row(`top-${K} of ${label}, exact float scores + heap`, paired(exactK, plainCase.naive, reps), undefined, checkE ? undefined : 'RESULTS DIFFER'));

      // Filters: 50 seen items excluded and a category predicate keeping one item in three.
      const exclude = Int32Array.from({ length: 50 }, (_, k) => (k * 7919) % n);
      const keep = (i: number) => i % 3 === 0;
      const fopts: RankOptions = { k: K, scratch, exclude, filter: keep };
      const naiveF = () => {
        const s = scoreWithParams(params, user, new Float32Array(n));
        const mask = new Uint8Array(n);
        for (let i = 0; i < n; i++) mask[i] = keep(i) ? 0 : 1;
        for (const i of exclude) mask[i] = 1;
        return topKBySort(s, K, mask);
      };
      const checkF = sameTop(rank(model, { user: 0 }, fopts).items, naiveF().indices);
      rows.push(row(`top-${K} of ${label}, seen + category filter`, paired(() => rank(model, { user: 0 }, fopts), naiveF, reps), undefined, checkF ? undefined : 'RESULTS DIFFER'));

      // MMR diversity over a pool of 100 on the item factors.
      const diversity = { lambda: 0.7, features: params.factors, pool: 100 };
      const dopts: RankOptions = { k: K, scratch, diversity };
      const naiveD = () => {
        const top = topKBySort(scoreWithParams(params, user, new Float32Array(n)), 100);
        return mmr(top.indices, top.scores, params.factors, K, 0.7);
      };
      rows.push(row(`top-${K} of ${label}, MMR (pool 100)`, paired(() => rank(model, { user: 0 }, dopts), naiveD, reps)));
      log(`${label}: fast ${plain.fast.median.toFixed(2)} ms, naive ${plain.naive.median.toFixed(2)} ms`);
    }
    // Browser, on by default (GLIMPSE_BENCH_BROWSER_RANKING=0 skips): the app's path (rank() through the
    // FactorIndex) on the main thread and in a worker, then TF.js backends as comparisons.
    if (process.env.GLIMPSE_BENCH_BROWSER_RANKING === '0') return rows;
    await withPreview(BENCH_PAGE, log, async (s) => {
      // The targets' sizes even in --quick: a 1M leg takes seconds here, unlike the TF.js ones.
      for (const n of [...new Set([...sizes, 1_000_000])]) for (const worker of [0, 1]) rows.push(await browserIndexRow(s, n, worker, quick, log));
      for (const leg of browserLegs(sizes)) rows.push(await browserTfRow(s, leg, quick, log));
    });
    return rows;
  },
};

const sizeLabel = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const indexHow = (simd: boolean) => `int8 index (${simd ? 'wasm SIMD' : 'JS'}) + exact re-score`;

/** rank() in the bench page: the app's ranking path, with the targets, against plain-JS scores + full sort. */
async function browserIndexRow(s: BrowserSession, n: number, worker: number, quick: boolean, log: (l: string) => void): Promise<BenchRow> {
  const where = worker ? 'worker' : 'main thread';
  const spec: RowSpec = {
    suite: 'ranking',
    case: `top-${K} of ${sizeLabel(n)} (chromium ${where}, rank(), typed arrays)`,
    unit: 'ms',
    kind: 'time',
    ...(TARGETS[n] ? { target: { op: '<=' as const, value: TARGETS[n] } } : {}),
  };
  try {
    const reps = n >= 1e6 ? (quick ? 5 : 15) : quick ? 15 : 51;
    const r = await s.withPage('/', (page) => callBench<PlainRankRun & { isolated: boolean }>(page, 'rankIndex', n, reps, worker), undefined, 180_000);
    const how = n >= INDEX_MIN_ITEMS ? `${indexHow(r.simd)}; first call incl. index build ${r.firstMs.toFixed(0)} ms` : 'exact scores + heap';
    const notes = [how, r.same ? '' : 'RESULTS DIFFER'].filter(Boolean).join('; ');
    log(`rank() ${where} ${sizeLabel(n)}: ${summarize(r.fast).median.toFixed(2)} ms, naive ${summarize(r.naive).median.toFixed(2)} ms`);
    return measuredRow({ ...spec, notes }, r.fast, { name: 'JS scores + full sort', samples: r.naive });
  } catch (err) {
    log(`rank() ${where} ${sizeLabel(n)}: ${err instanceof Error ? err.message : String(err)}`);
    return failedRow(spec, err);
  }
}

/** A TF.js backend with the item table resident: comparisons only (the app ranks with rank(), rows above). */
async function browserTfRow(s: BrowserSession, leg: ReturnType<typeof browserLegs>[number], quick: boolean, log: (l: string) => void): Promise<BenchRow> {
  const label = sizeLabel(leg.n);
  const name = leg.backend === 'wasm' ? `tfjs wasm ${leg.threads || 1} thread${leg.threads > 1 ? 's' : ''}` : `tfjs ${leg.backend}`;
  const spec: RowSpec = {
    suite: 'ranking',
    case: `top-${K} of ${label} (chromium, ${name}, V[64xN], ${leg.backend === 'wasm' ? 'tf.topk' : 'readback + JS heap'})`,
    unit: 'ms',
    kind: 'time',
  };
  try {
    const reps = leg.n >= 1e6 ? (quick ? 3 : 9) : leg.backend === 'wasm' ? (quick ? 9 : 31) : quick ? 3 : 9;
    const r = await s.withPage(
      '/',
      (page) => callBench<BrowserRank>(page, 'rankTf', RANK_BACKENDS.indexOf(leg.backend), leg.n, reps, leg.threads),
      undefined,
      leg.n >= 1e6 ? 240_000 : 120_000,
    );
    const js = summarize(r.typedArrays).median;
    const fast = summarize(r.fast).median;
    const notes = [
      'comparison, not the app\'s path (no target)',
      `first call ${r.firstMs.toFixed(0)} ms (${leg.backend === 'wasm' ? 'weight packing' : 'shader compile'})`,
      `in-page typed arrays ${js.toFixed(2)} ms (${(js / fast).toFixed(1)}x)`,
      leg.backend === 'wasm' ? `pool ${r.threads} thread${r.threads > 1 ? 's' : ''}` : 'SwiftShader software renderer',
      r.same ? '' : 'RESULTS DIFFER',
      r.isolated ? '' : 'page not cross-origin isolated',
    ].filter(Boolean);
    log(`${name} ${label}: ${fast.toFixed(2)} ms (typed arrays ${js.toFixed(2)} ms)`);
    return measuredRow({ ...spec, notes: notes.join('; ') }, r.fast, { name: `${leg.backend} scores + full sort`, samples: r.naive });
  } catch (err) {
    log(`${name} ${label}: ${err instanceof Error ? err.message : String(err)}`);
    return failedRow(spec, err);
  }
}

function row(c: string, m: { fast: Summary; naive: Summary }, target?: number, notes?: string): BenchRow {
  return {
    suite: 'ranking',
    case: `${c} (node, typed arrays)`,
    unit: 'ms',
    value: m.fast.median,
    min: m.fast.min,
    max: m.fast.max,
    n: m.fast.n,
    baseline: { name: 'score all + full sort', value: m.naive.median },
    speedup: m.naive.median / m.fast.median,
    target: target === undefined ? undefined : { op: '<=', value: target },
    notes,
  };
}

export default suite;
