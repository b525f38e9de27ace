import type { UserHistory } from '../data/history';
import { NonFiniteError, topK, type Matrix, type TopK } from '../linalg';
import type { Recommender } from '../models/contract';
import { factorIndexFor } from './factor-index';
import { mmr } from './mmr';

/** From this many items a factor model ranks through its quantised FactorIndex (built once per table). */
export const INDEX_MIN_ITEMS = 8192;

/** Who to rank for: a user seen in training, and/or a history (browser profile, new user). */
export interface RankQuery {
  user?: number;
  history?: UserHistory;
}

export interface RankOptions {
  k: number;
  /** Item indices never to return (seen, purchased, in cart, out of stock...). */
  exclude?: ArrayLike<number>;
  /** Same as exclude, as a 0/1 mask over items (cheapest when reused across calls). */
  excludeMask?: Uint8Array;
  /** Keep only items passing this predicate (category, price range...). */
  filter?: (item: number) => boolean;
  /** Non-personalised model for a user with neither a known index nor a history (e.g. popularity). */
  fallback?: Recommender;
  /** MMR re-ranking over item features: lambda 1 = pure relevance, 0 = pure diversity. */
  diversity?: { lambda: number; features: Matrix; pool?: number };
  /** Reusable score buffer (length nItems) to avoid an allocation per call. */
  scratch?: Float32Array;
}

export interface Ranking {
  items: Int32Array;
  scores: Float32Array;
  /** Which path produced the scores. */
  source: 'user' | 'history' | 'fallback';
}

/**
 * The one ranking entry point every model shares (cornac's `rank`): score, refuse non-finite scores with
 * a clear error (never show NaN to a shopper), mask exclusions, filter, bounded-heap top-k, optional MMR.
 * Unknown users with a history are folded in by the model; with nothing at all, the fallback ranks.
 */
export function rank(model: Recommender, query: RankQuery, options: RankOptions): Ranking {
  const n = model.nItems;
  const known =
    query.user !== undefined && Number.isInteger(query.user) && query.user >= 0 && query.user < model.nUsers;
  const hasHistory = (query.history?.items.length ?? 0) > 0;
  const mask = excludeMask(n, options);
  const div = options.diversity;
  const pool = div ? Math.max(options.k, div.pool ?? options.k * 5) : options.k;
  let top: TopK, source: Ranking['source'];
  if (model.linearScores && n >= INDEX_MIN_ITEMS && (known || hasHistory)) {
    const linear = model.linearScores(known ? { user: query.user } : { history: query.history });
    top = factorIndexFor(linear.factors, linear.bias).top(linear.vector, pool, { excludeMask: mask, include: options.filter });
    source = known ? 'user' : 'history';
  } else {
    const scored = scoreAll(model, query, options, known, hasHistory);
    top = topK(scored.scores, pool, mask, options.filter);
    source = scored.source;
  }
  if (!div) return { items: top.indices, scores: top.scores, source };
  const order = mmr(top.indices, top.scores, div.features, options.k, div.lambda);
  return {
    items: Int32Array.from(order, (r) => top.indices[r]),
    scores: Float32Array.from(order, (r) => top.scores[r]),
    source,
  };
}

function excludeMask(n: number, options: RankOptions): Uint8Array | undefined {
  let mask = options.excludeMask;
  if (options.exclude && options.exclude.length) {
    mask = mask ? mask.slice() : new Uint8Array(n);
    for (let k = 0; k < options.exclude.length; k++) {
      const i = options.exclude[k];
      if (i >= 0 && i < n) mask[i] = 1;
    }
  }
  return mask;
}

function scoreAll(
  model: Recommender,
  query: RankQuery,
  options: RankOptions,
  known: boolean,
  hasHistory: boolean,
): { scores: Float32Array; source: Ranking['source'] } {
  const n = model.nItems;
  const scores = options.scratch && options.scratch.length === n ? options.scratch : new Float32Array(n);
  let source: Ranking['source'];
  if (known) {
    model.scoreUser(query.user!, scores);
    source = 'user';
  } else if (hasHistory) {
    model.scoreHistory(query.history!, scores);
    source = 'history';
  } else {
    const fb = options.fallback ?? model;
    if (fb.nItems !== n)
      throw new RangeError(`fallback ${fb.name} covers ${fb.nItems} items, model ${model.name} ${n}`);
    fb.scoreHistory({ items: new Int32Array(0), weights: new Float32Array(0) }, scores);
    source = 'fallback';
  }
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    if (s - s !== 0)
      throw new NonFiniteError(
        `scores from ${source === 'fallback' ? (options.fallback ?? model).name : model.name}`,
        i,
        s,
      );
  }
  return { scores, source };
}
