import {
  createTasteAccumulator,
  foldInTaste,
  buildTasteAccumulator,
  scoreByProfile,
  tasteVector,
  type TasteAccumulator,
} from '../core/profile';
import type { ItemView, RecommenderInput, RecommenderPort, UserParameters } from './ports';
import { PROFILE_SCORE } from './profile-score';

/**
 * The built-in recommender until a trained model (BPR/VBPR from core/models) is plugged in: the user's
 * parameters are the visual taste accumulator (1 x dims), updated by fold-in per event and rebuilt by
 * "training"; items are scored by core/profile's scoreByProfile (taste cosine + attribute preferences).
 */
export const TASTE_RECOMMENDER_ID = 'profile-taste-v1';

function toParams(acc: TasteAccumulator): UserParameters {
  return { rows: 1, cols: acc.sum.length, data: acc.sum, info: { mass: acc.mass, at: acc.at } };
}

function fromParams(p: UserParameters | undefined, dims: number): TasteAccumulator {
  if (!p || p.cols !== dims || p.rows !== 1) return createTasteAccumulator(dims);
  return { sum: p.data, mass: Number(p.info.mass) || 0, at: Number(p.info.at) || 0 };
}

function dimsOf(items: readonly ItemView[]): number | undefined {
  return items.find((i) => i.embedding)?.embedding?.length;
}

function scorer(params: UserParameters | undefined, input: RecommenderInput) {
  const dims = dimsOf(input.items);
  const taste = dims ? tasteVector(fromParams(params, dims)) : undefined;
  return (item: ItemView) => scoreByProfile({ tasteVector: taste, preferences: input.profile.preferences }, item, PROFILE_SCORE);
}

export function createTasteRecommender(): RecommenderPort {
  return {
    id: TASTE_RECOMMENDER_ID,
    async train(input, ctx) {
      const dims = dimsOf(input.items);
      if (!dims) return undefined;
      const byId = new Map(input.items.map((i) => [i.itemId, i.embedding]));
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const acc = buildTasteAccumulator(input.log, (id) => byId.get(id), dims);
      ctx.onProgress(1, 1);
      // One closed-form pass over the log: an average, so there is no loss to report.
      return { ...toParams(acc), fit: { epochs: 1, samples: input.log.length } };
    },
    foldIn(params, event, input) {
      const dims = dimsOf(input.items);
      if (!dims) return params;
      const embedding = input.items.find((i) => i.itemId === event.itemId)?.embedding;
      return toParams(foldInTaste(fromParams(params, dims), event, embedding));
    },
    rank(params, input, candidates, k) {
      const score = scorer(params, input);
      return candidates
        .map((item, order) => ({ item, order, ...score(item) }))
        .sort((a, b) => b.score - a.score || a.order - b.order)
        .slice(0, k)
        .map(({ item, score, reasons }) => ({ itemId: item.itemId, score, reasons }));
    },
    scores(params, input) {
      const score = scorer(params, input);
      return Float32Array.from(input.items, (item) => score(item).score);
    },
  };
}
