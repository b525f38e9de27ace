import { topK, topKBySort } from '../../src/core/linalg';
import { scoreWithParams } from '../../src/core/models';
import { factorIndexFor, INDEX_MIN_ITEMS, mmr, rank, type RankOptions } from '../../src/core/rank';
import { BENCH_PAGE, callBench, withPreview } from '../lib/browser';
import type { BenchRow, BenchSuite } from '../lib/report';
import { failedRow, measuredRow, type RowSpec } from '../lib/rows';
import { summarize, type Summary } from '../lib/stats';
import { RANK_BACKENDS } from '../browser/rank-backends';
import { paramsRecommender, syntheticItemParams, syntheticVector } from '../lib/synthetic';

const K = 20;
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

/** Alternates fast and naive calls so both see the same machine load; returns per-call ms for each. */
function paired(fast: () => unknown, naive: () => unknown, reps: number): { fast: Summary; naive: Summary } {
  fast();
  naive();
  const f: number[] = [],
    n: number[] = [];
  for (let r = 0; r < reps; r++) {
    let t = performance.now();
    fast();
    f.push(performance.now() - t);
    t = performance.now();
    naive();
    n.push(performance.now() - t);
  }
  return { fast: summarize(f), naive: summarize(n) };
}

const sameTop = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((x, i) => x === b[i]);

const suite: BenchSuite = {
  name: 'ranking',
  description: `top-${K} over N items of 64-d factors (visual term folded in), Node typed arrays vs score-all + full sort`,
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
    for (const n of sizes) {
      const params = syntheticItemParams(n);
      const user = syntheticVector(64);
      const model = paramsRecommender(params, user);
      const scratch = new Float32Array(n);
      const reps = n >= 1_000_000 ? (quick ? 3 : 9) : quick ? 9 : 31;
      const label = n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`;
      const target = n === 100_000 ? 2 : n === 1_000_000 ? 15 : undefined;

      // Plain top-k through rank(): from INDEX_MIN_ITEMS the int8 FactorIndex (built on the first call, timed
      // separately), below it exact scores + heap.
      const opts: RankOptions = { k: K, scratch };
      const naive = () => topKBySort(scoreWithParams(params, user, new Float32Array(n)), K);
      const built = performance.now();
      const check = sameTop(rank(model, { user: 0 }, opts).items, naive().indices);
      const buildMs = performance.now() - built;
      const plain = paired(() => rank(model, { user: 0 }, opts), naive, reps);
      const how = n >= INDEX_MIN_ITEMS ? `int8 index (${factorIndexFor(params.factors, params.bias).simd ? 'wasm SIMD' : 'JS'}) + exact re-score; first call incl. index build ${buildMs.toFixed(0)} ms` : 'exact scores + heap';
      rows.push(row(`top-${K} of ${label}`, plain, target, [how, check ? '' : 'RESULTS DIFFER'].filter(Boolean).join('; ')));

      // The exact float kernel alone (every row scored, bounded heap): the path below INDEX_MIN_ITEMS.
      const exactK = () => topK(scoreWithParams(params, user, scratch), K);
      const checkE = sameTop(exactK().indices, naive().indices);
      rows.push(row(`top-${K} of ${label}, exact float scores + heap`, paired(exactK, naive, reps), undefined, checkE ? undefined : 'RESULTS DIFFER'));

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
    // Browser: TF.js backends with the item table resident, on by default (GLIMPSE_BENCH_BROWSER_RANKING=0 skips).
    if (process.env.GLIMPSE_BENCH_BROWSER_RANKING === '0') return rows;
    await withPreview(BENCH_PAGE, log, async (s) => {
      for (const leg of browserLegs(sizes)) {
        const label = leg.n >= 1e6 ? `${leg.n / 1e6}M` : `${leg.n / 1e3}k`;
        const name = leg.backend === 'wasm' ? `tfjs wasm ${leg.threads || 1} thread${leg.threads > 1 ? 's' : ''}` : `tfjs ${leg.backend}`;
        const spec: RowSpec = {
          suite: 'ranking',
          case: `top-${K} of ${label} (chromium, ${name}, V[64xN], ${leg.backend === 'wasm' ? 'tf.topk' : 'readback + JS heap'})`,
          unit: 'ms',
          kind: 'time',
          ...(leg.backend === 'wasm' && !leg.threads && TARGETS[leg.n] ? { target: { op: '<=' as const, value: TARGETS[leg.n]! } } : {}),
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
            `first call ${r.firstMs.toFixed(0)} ms (${leg.backend === 'wasm' ? 'weight packing' : 'shader compile'})`,
            `in-page typed arrays ${js.toFixed(2)} ms (${(js / fast).toFixed(1)}x)`,
            leg.backend === 'wasm' ? `pool ${r.threads} thread${r.threads > 1 ? 's' : ''}` : 'SwiftShader software renderer',
            r.same ? '' : 'RESULTS DIFFER',
            r.isolated ? '' : 'page not cross-origin isolated',
          ].filter(Boolean);
          rows.push(measuredRow({ ...spec, notes: notes.join('; ') }, r.fast, { name: `${leg.backend} scores + full sort`, samples: r.naive }));
          log(`${name} ${label}: ${fast.toFixed(2)} ms (typed arrays ${js.toFixed(2)} ms)`);
        } catch (err) {
          log(`${name} ${label}: ${err instanceof Error ? err.message : String(err)}`);
          rows.push(failedRow(spec, err));
        }
      }
    });
    return rows;
  },
};

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
