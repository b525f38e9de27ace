import { BENCH_PAGE, callBench as call, withPreview, type BrowserSession } from '../lib/browser';
import type { BenchRow, BenchSuite } from '../lib/report';
import { summarize, type Summary } from '../lib/stats';
import { PARAMETER_CHUNK_ROWS } from '../../src/storage/schema';

interface Read {
  open: number;
  items: number;
  user?: number;
  heapMB?: number;
}

const ROWS = 100_000;
const CHUNK_ROWS = PARAMETER_CHUNK_ROWS;
const COLS = 64;

/**
 * One profile per layout: write once, read `reps` times in the same browser (warm), then relaunch the browser
 * on the same profile `cold` times and read once each (first open after a restart included).
 */
async function measure(s: BrowserSession, layout: 'chunked' | 'naive', rows: number, reps: number, cold: number) {
  const dir = s.newProfileDir();
  const { write, warm, joined, raw, touch } = await s.withPage(
    '/',
    async (page) => {
      const w = await call<{ items: number; user?: number }>(page, `${layout}Write`, rows, COLS);
      const warm: Read[] = [];
      const joined: number[] = [];
      const raw: number[] = [];
      const touch: number[] = [];
      const reads: (() => Promise<unknown>)[] = [
        async () => warm.push(await call<Read>(page, `${layout}Read`, rows)),
        async () => joined.push((await call<Read>(page, 'chunkedRead', rows, true)).items),
        async () => {
          const r = await call<{ items: number; firstTouch: number }>(page, 'rawChunkRead', Math.ceil(rows / CHUNK_ROWS));
          raw.push(r.items);
          touch.push(r.firstTouch);
        },
      ];
      for (let r = 0; r < reps; r++) {
        if (layout !== 'chunked') await reads[0]!();
        // Rotating which goes first: a read of the same records right after another is faster.
        else for (let k = 0; k < reads.length; k++) await reads[(r + k) % reads.length]!();
      }
      return { write: w, warm, joined, raw, touch };
    },
    dir,
  );
  const colds: Read[] = [];
  for (let r = 0; r < cold; r++) colds.push(await s.withPage('/', (page) => call<Read>(page, `${layout}Read`, rows), dir));
  return { write, warm, joined, raw, touch, colds };
}

const stat = (xs: number[]) => summarize(xs);

/** How far the store is from what this browser's IndexedDB gives for the same records at best. */
function rawNote(store: Summary, raw: Summary): string {
  return (
    `validated row chunks as stored (loadParameterChunks, for consumers that work chunk by chunk; the baseline's rows are not joined either, and one matrix is the next row); ` +
    `the same ${Math.ceil(ROWS / CHUNK_ROWS)} chunks by raw get()s, no store: ${raw.median.toFixed(0)} ms (this browser's floor for the layout, same page, interleaved), the store takes ${(store.median / raw.median).toFixed(2)}x that`
  );
}

function joinNote(joined: Summary, chunks: Summary, touch: Summary): string {
  return (
    `loadParameters: the chunks copied into one new matrix, +${(joined.median - chunks.median).toFixed(0)} ms over the chunks; ` +
    `the first touch of ${((ROWS * COLS * 4) / 1e6).toFixed(1)} MB of fresh memory alone takes ${touch.median.toFixed(0)} ms here (page faults in this VM)`
  );
}

function row(c: string, fast: Summary, naive: Summary | undefined, target?: number, notes?: string): BenchRow {
  return {
    suite: 'storage',
    case: `${c} (chromium, IndexedDB)`,
    unit: 'ms',
    value: fast.median,
    min: fast.min,
    max: fast.max,
    n: fast.n,
    ...(naive ? { baseline: { name: 'one record per item', value: naive.median }, speedup: naive.median / fast.median } : {}),
    target: target === undefined ? undefined : { op: '<=', value: target },
    notes,
  };
}

const suite: BenchSuite = {
  name: 'storage',
  description: `IndexedDB in headless Chromium: ${ROWS / 1000}k x ${COLS} item vectors and the user's vector, store's 1000-row chunks vs one record per item`,
  async run({ quick, log }) {
    const reps = quick ? 3 : 7;
    const cold = quick ? 1 : 3;
    return withPreview(BENCH_PAGE, log, async (s) => {
      const chunked = await measure(s, 'chunked', ROWS, reps, cold);
      log(`chunked: write ${chunked.write.items.toFixed(0)} ms, warm read ${stat(chunked.warm.map((r) => r.items)).median.toFixed(0)} ms`);
      const naive = await measure(s, 'naive', ROWS, quick ? 1 : 3, 1);
      log(`naive: write ${naive.write.items.toFixed(0)} ms, warm read ${stat(naive.warm.map((r) => r.items)).median.toFixed(0)} ms`);
      const heap = chunked.warm.map((r) => r.heapMB).filter((x): x is number => x !== undefined);
      const rows: BenchRow[] = [
        row(`write ${ROWS / 1000}k vectors`, stat([chunked.write.items]), stat([naive.write.items])),
        row(
          `load ${ROWS / 1000}k vectors, warm`,
          stat(chunked.warm.map((r) => r.items)),
          stat(naive.warm.map((r) => r.items)),
          150,
          rawNote(stat(chunked.warm.map((r) => r.items)), stat(chunked.raw)),
        ),
        row(
          `load ${ROWS / 1000}k vectors into one matrix, warm`,
          stat(chunked.joined),
          undefined,
          undefined,
          joinNote(stat(chunked.joined), stat(chunked.warm.map((r) => r.items)), stat(chunked.touch)),
        ),
        row(
          `load ${ROWS / 1000}k vectors, cold (new browser on the profile, incl. open)`,
          stat(chunked.colds.map((r) => r.open + r.items)),
          stat(naive.colds.map((r) => r.open + r.items)),
          400,
          `first open ${stat(chunked.colds.map((r) => r.open)).median.toFixed(0)} ms`,
        ),
        row('write user vector (1 x 64)', stat([chunked.write.user ?? NaN]), undefined),
        row('load user vector, warm', stat(chunked.warm.map((r) => r.user ?? NaN)), undefined),
      ];
      if (heap.length)
        rows.push({ suite: 'memory', case: 'JS heap after loading 100k vectors (chromium performance.memory)', unit: 'MiB', value: Math.max(...heap) });
      return rows;
    });
  },
};

export default suite;
