import { topKBySort } from '../../src/core/linalg';
import { scoreWithParams } from '../../src/core/models';
import { factorIndexFor, rank, type RankOptions } from '../../src/core/rank';
import { pairedSamples } from './stats';
import { paramsRecommender, syntheticItemParams, syntheticVector } from './synthetic';

export const RANK_K = 20;

export const sameTop = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((x, i) => x === b[i]);

/**
 * The ranking suite's plain case, shared by Node and the bench page (main thread and worker) so both time the
 * same work: top-20 over N synthetic 64-d VBPR rows (visual term folded into the rows and bias) through
 * `rank()`, the app's path, against every exact score + a full sort. DOM-free.
 */
export function plainRankCase(n: number) {
  const params = syntheticItemParams(n);
  const user = syntheticVector(64);
  const model = paramsRecommender(params, user);
  const opts: RankOptions = { k: RANK_K, scratch: new Float32Array(n) };
  return {
    params,
    user,
    model,
    fast: () => rank(model, { user: 0 }, opts).items,
    naive: () => topKBySort(scoreWithParams(params, user, new Float32Array(n)), RANK_K).indices,
    /** Whether rank() took the int8 FactorIndex through wasm SIMD (false: its JS kernel); build it first. */
    simd: () => factorIndexFor(params.factors, params.bias).simd,
  };
}

export interface PlainRankRun {
  fast: number[];
  naive: number[];
  /** The first rank() call, which builds the FactorIndex from INDEX_MIN_ITEMS. */
  firstMs: number;
  same: boolean;
  simd: boolean;
}

/** Times plainRankCase(n) where it is called (bench page main thread or worker): first call apart, then paired reps. */
export function runPlainRank(n: number, reps: number): PlainRankRun {
  const c = plainRankCase(n);
  const t = performance.now();
  const first = c.fast();
  const firstMs = performance.now() - t;
  const same = sameTop(first, c.naive());
  return { ...pairedSamples(c.fast, c.naive, reps), firstMs, same, simd: c.simd() };
}
