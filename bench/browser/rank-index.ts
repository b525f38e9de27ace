import { runPlainRank, type PlainRankRun } from '../lib/rank-case';

/**
 * The app's ranking path in the page: top-20 through rank() (int8 FactorIndex, wasm SIMD kernel, exact
 * re-score) against plain-JS scores + full sort, on the main thread or (worker = 1) in a dedicated module
 * Worker, where the app's engine ranks.
 */
export async function rankIndex(n: number, reps: number, worker: number): Promise<PlainRankRun & { isolated: boolean }> {
  if (!worker) return { ...runPlainRank(n, reps), isolated: crossOriginIsolated };
  const w = new Worker(new URL('./rank-index-worker.ts', import.meta.url), { type: 'module' });
  try {
    const run = await new Promise<PlainRankRun>((resolve, reject) => {
      w.onmessage = (e: MessageEvent<PlainRankRun>) => resolve(e.data);
      w.onerror = (e) => reject(new Error(e.message || 'ranking worker failed to start'));
      w.postMessage({ n, reps });
    });
    return { ...run, isolated: crossOriginIsolated };
  } finally {
    w.terminate();
  }
}
