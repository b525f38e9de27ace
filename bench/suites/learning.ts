import { createHistory } from '../../src/core/data/history';
import { rowItems } from '../../src/core/data/csr';
import { BprModel, VbprModel, foldIn, type ItemParams } from '../../src/core/models';
import { rank } from '../../src/core/rank';
import { createRng } from '../../src/shared/random';
import { naiveBprEpoch } from '../lib/naive';
import type { BenchRow, BenchSuite } from '../lib/report';
import { measuredRow } from '../lib/rows';
import { summarize } from '../lib/stats';
import { paramsRecommender, syntheticFeatures, syntheticInteractions } from '../lib/synthetic';

/** CPU seconds this process used since c0: steadier than wall time when other jobs share the cores. */
function cpuSeconds(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

const N_USERS = 1000;
const N_ITEMS = 10_000;
const PER_USER = 100;
const DIMS = 64;

const suite: BenchSuite = {
  name: 'learning',
  description: `BPR/VBPR training (Node, ${N_USERS} users x ${N_ITEMS} items, ${PER_USER} interactions each, 64-d) and one user's fold-in`,
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    const data = { interactions: syntheticInteractions(N_USERS, N_ITEMS, PER_USER) };
    const nnz = data.interactions.indices.length;
    const reps = quick ? 2 : 5;

    // BPR: core trainer (typed arrays, sparse row updates) vs the per-sample number[][] transcription.
    const fast: number[] = [],
      naive: number[] = [];
    const pairs: [number, number][] = [];
    const seen: Set<number>[] = [];
    for (let u = 0; u < N_USERS; u++) {
      const items = rowItems(data.interactions, u);
      seen.push(new Set(items));
      for (const i of items) pairs.push([u, i]);
    }
    let bpr: BprModel | undefined;
    const fastCpu: number[] = [];
    for (let r = 0; r < reps; r++) {
      bpr = new BprModel({ factors: DIMS, epochs: 2, seed: r + 1 });
      const c0 = process.cpuUsage();
      const rep = bpr.fit(data);
      fastCpu.push(rep.samples / cpuSeconds(c0));
      fast.push(rep.samples / (rep.ms / 1000));
      const rng = createRng(r + 1);
      const P = Array.from({ length: N_USERS }, () => Array.from({ length: DIMS }, () => (rng.next() - 0.5) / DIMS));
      const Q = Array.from({ length: N_ITEMS }, () => Array.from({ length: DIMS }, () => (rng.next() - 0.5) / DIMS));
      const b = new Array<number>(N_ITEMS).fill(0);
      const samples = Math.min(nnz, quick ? 30_000 : 100_000);
      const t0 = performance.now();
      const done = naiveBprEpoch(P, Q, b, pairs, seen, samples, 0.05, 0.01, rng.next);
      naive.push(done / ((performance.now() - t0) / 1000));
    }
    const bprRow = measuredRow(
      {
        suite: 'learning',
        case: 'BPR training, 64 factors (node)',
        unit: 'samples/s',
        kind: 'rate',
        target: { op: '>=', value: 1_000_000 },
        notes: `${(summarize(fastCpu).median / 1e6).toFixed(2)} M samples per CPU-second (wall-clock rates fall on a shared box)`,
      },
      fast,
      { name: 'per-sample number[][]', samples: naive },
    );
    rows.push(bprRow);
    log(`BPR ${(bprRow.value / 1e6).toFixed(2)} M samples/s, naive ${(bprRow.baseline!.value / 1e6).toFixed(2)} M`);

    // VBPR on 128-d visual features (32 latent + 32 visual factors): the visual term costs O(D * d2) per sample.
    const features = syntheticFeatures(N_ITEMS, 128);
    // A fifth of the users: one VBPR sample costs ~30x a BPR one, and rates do not depend on the log size.
    const vbprData = syntheticInteractions(N_USERS / 5, N_ITEMS, quick ? 20 : PER_USER);
    const vb: number[] = [],
      vbCpu: number[] = [];
    for (let r = 0; r < reps; r++) {
      const c0 = process.cpuUsage();
      const rep = new VbprModel({ factors: 32, visualFactors: 32, epochs: 1, seed: r + 1 }).fit({ interactions: vbprData, features });
      vbCpu.push(rep.samples / cpuSeconds(c0));
      vb.push(rep.samples / (rep.ms / 1000));
    }
    const v = summarize(vb);
    const ratio = summarize(fastCpu).median / summarize(vbCpu).median;
    rows.push({
      suite: 'learning',
      case: 'VBPR training, 32+32 factors, 128-d features (node)',
      unit: 'samples/s',
      value: v.median,
      min: v.min,
      max: v.max,
      n: v.n,
      notes:
        `${(summarize(vbCpu).median / 1e3).toFixed(1)} k samples per CPU-second, ${ratio.toFixed(0)}x fewer than BPR: ` +
        `E^T (f_i - f_j) and E's rank-1 step are 2 x 128 x 32 = 8,192 multiply-adds a sample against BPR's ~3 x 64`,
    });

    // Click to refreshed list: one user with 10 positives clicks one more item; fold-in continues from the
    // previous vector, then top-20 over the 10k catalog excluding what was seen. Baseline: retrain everything.
    const params: ItemParams = bpr!.itemParams;
    const rng = createRng(42);
    const clicked = Array.from({ length: 10 }, () => rng.int(N_ITEMS));
    const prev = foldIn(createHistory(clicked, clicked.map(() => 1)), params);
    const scratch = new Float32Array(N_ITEMS);
    const times: number[] = [];
    for (let r = 0; r < (quick ? 11 : 31); r++) {
      const items = [...clicked, rng.int(N_ITEMS)];
      const t0 = performance.now();
      const p = foldIn(createHistory(items, items.map(() => 1)), params, { init: prev });
      rank(paramsRecommender(params, p), { user: 0 }, { k: 20, exclude: items, scratch });
      times.push(performance.now() - t0);
    }
    const fi = summarize(times);
    const retrain: number[] = [];
    for (let r = 0; r < (quick ? 1 : 2); r++) {
      const t0 = performance.now();
      const m = new BprModel({ factors: DIMS, epochs: quick ? 5 : 20, seed: 9 });
      m.fit(data);
      rank(m, { user: 0 }, { k: 20 });
      retrain.push(performance.now() - t0);
    }
    const rt = summarize(retrain);
    rows.push({
      suite: 'learning',
      case: `click to refreshed top-20: fold-in + rank, ${N_ITEMS / 1000}k items (node)`,
      unit: 'ms',
      value: fi.median,
      min: fi.min,
      max: fi.max,
      n: fi.n,
      baseline: { name: `full BPR retrain (${quick ? 5 : 20} epochs) + rank`, value: rt.median },
      speedup: rt.median / fi.median,
      target: { op: '<=', value: 50 },
    });
    return rows;
  },
};

export default suite;
