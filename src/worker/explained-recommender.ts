import { summariseLog, type UserHistory } from '../core/data/history';
import { IdIndex } from '../core/data/id-index';
import { createMatrix, matVec, normaliseInPlace, type Matrix } from '../core/linalg';
import type { Recommender } from '../core/models/contract';
import { explainItem, rank, similarItems, type Explanation, type ItemFacts as RankFacts } from '../core/rank';
import { scoreByProfile, tasteVector } from '../core/profile';
import type { ItemView, RecommenderInput, RecommenderPort, Scored, UserParameters } from './ports';
import { createTasteRecommender, TASTE_RECOMMENDER_ID } from './taste-recommender';
import { PROFILE_SCORE } from './profile-score';

/** MMR trade-off: mostly relevance, enough diversity that five red t-shirts do not fill the list. */
export const DEFAULT_DIVERSITY_LAMBDA = 0.75;
/** Cold start is a visual sample of the catalog: diversity dominates. */
const COLD_START_LAMBDA = 0.2;

export interface ExplainedRecommenderOptions {
  lambda?: number;
}

/** Items as core/rank sees them: an index, an L2-normalised feature matrix and explainable facts. */
interface Indexed {
  index: IdIndex;
  features: Matrix | undefined;
  facts: RankFacts[];
  titles: (string | undefined)[];
}

const indexed = new WeakMap<readonly ItemView[], Indexed>();

/**
 * indexItems once per item-view array: the service hands the same array to every call until its catalog or
 * features change, so ranking calls skip normalising every embedding again. Views are never mutated.
 */
function indexedFor(items: readonly ItemView[]): Indexed {
  let ix = indexed.get(items);
  if (!ix) indexed.set(items, (ix = indexItems(items)));
  return ix;
}

function indexItems(items: readonly ItemView[]): Indexed {
  const index = new IdIndex(items.map((i) => i.itemId));
  const dims = items.find((i) => i.embedding)?.embedding?.length;
  let features: Matrix | undefined;
  if (dims) {
    features = createMatrix(items.length, dims);
    items.forEach((item, r) => {
      const e = item.embedding;
      if (!e || e.length !== dims) return; // zero row: cosine 0 to everything, never "similar"
      features!.data.set(e, r * dims);
      normaliseInPlace(features!.data, dims, r * dims);
    });
  }
  const facts = items.map((i) => ({
    ...(i.facts.category ? { category: i.facts.category } : {}),
    ...(i.facts.colors?.length
      ? { colors: [...i.facts.colors].sort((a, b) => b.weight - a.weight).map((c) => c.name) }
      : {}),
    ...(i.descriptors?.texture ? { texture: i.descriptors.texture } : {}),
    ...(i.descriptors?.shape ? { shape: i.descriptors.shape } : {}),
  }));
  return { index, features, facts, titles: items.map((i) => i.title) };
}

/** One sentence per structured reason (the UI may render the structured form instead). */
export function describeExplanation(e: Explanation, titleOf: (itemId: string) => string | undefined): string {
  switch (e.kind) {
    case 'similar-to':
      return `looks like ${(e.itemId && titleOf(e.itemId)) ?? e.itemId ?? 'an item you liked'}`;
    case 'attribute':
      if (e.attribute === 'color') return `${e.value}, like ${Math.round(e.weight * 100)}% of what you liked`;
      if (e.attribute === 'category') return `a ${e.value}, like much of what you liked`;
      return `${e.value} to what you liked`;
    case 'popular-in':
      return `a varied pick from ${e.category} to start from`;
    case 'popular':
      return 'a varied pick to start from';
  }
}

/** explainItem's default bar for citing a texture/shape descriptor (cosine to the liked average). */
const DESCRIPTOR_CITE_BAR = 0.9;

/** explainItem's minimum share of the likes for citing a colour or category. */
const MIN_CITED_SHARE = 0.3;

/**
 * Puts the reasons on one scale before picking the strongest. Colour/category weights are shares of what
 * was liked (0..1), but a texture/shape weight is a descriptor cosine that is at least 0.9 whenever cited
 * (garment photos are alike in shape: on the demo catalog most items clear it), so it outranked a colour
 * most of the likes share. A descriptor match now counts at most like the weakest citable shared attribute:
 * how far it clears the bar (0.9 -> 0, 1 -> 1) times that share. It still leads when nothing else is shared.
 */
export function calibrate(explanations: Explanation[]): Explanation[] {
  return explanations
    .map((e) =>
      e.kind === 'attribute' && (e.attribute === 'texture' || e.attribute === 'shape')
        ? { ...e, weight: MIN_CITED_SHARE * Math.max(0, (e.weight - DESCRIPTOR_CITE_BAR) / (1 - DESCRIPTOR_CITE_BAR)) }
        : e,
    )
    .sort((a, b) => b.weight - a.weight);
}

/**
 * A core Recommender whose scores are the profile score (visual taste cosine + attribute preferences)
 * computed by the caller; lets the service go through core/rank's rank() (exclusions, finite-score guard,
 * top-k, MMR) with the same scores for the history and the cold-start paths.
 */
function fixedScores(name: string, scores: Float32Array): Recommender {
  return {
    name,
    nUsers: 0,
    nItems: scores.length,
    fit: () => ({ epochs: 0, samples: 0, ms: 0, losses: [], rolledBack: [] }),
    scoreUser: (_u, out) => (out.set(scores), out),
    scoreHistory: (_h, out) => (out.set(scores), out),
  };
}

/**
 * The taste cosine of every item in one pass of core's scoring kernel (matVec): the feature rows are already
 * L2-normalised, so taste . row = tasteScore(taste, embedding); items without an embedding have zero rows.
 */
function visualScores(ix: Indexed, tv: Float32Array | undefined): Float32Array | undefined {
  if (!tv || !ix.features || ix.features.cols !== tv.length) return undefined;
  return matVec(ix.features, tv, new Float32Array(ix.features.rows));
}

/** scoreByProfile's score, with its visual term taken from visualScores (the attribute part per item). */
function profileScore(visual: Float32Array | undefined, r: number, item: ItemView, input: RecommenderInput): number {
  const attributes = scoreByProfile({ preferences: input.profile.preferences }, item, PROFILE_SCORE).score;
  return (visual ? PROFILE_SCORE.visualWeight * visual[r] : 0) + attributes;
}

/**
 * The production recommender: the taste accumulator (fold-in per event, rebuilt by train) for relevance,
 * core/rank's rank() for exclusions + MMR diversity, and explainItem for structured "why this?" reasons
 * (liked items it looks like, shared dominant colour, category, texture/shape). With no positive history
 * it returns a diverse visual sample of the catalog, explained as a starting point.
 */
export function createExplainedRecommender(options: ExplainedRecommenderOptions = {}): RecommenderPort & {
  similar(input: RecommenderInput, itemId: string, k: number, exclude?: ReadonlySet<string>): Scored[];
  scores(params: UserParameters | undefined, input: RecommenderInput): Float32Array;
} {
  const taste = createTasteRecommender();
  const lambda = options.lambda ?? DEFAULT_DIVERSITY_LAMBDA;

  function prepare(params: UserParameters | undefined, input: RecommenderInput) {
    const ix = indexedFor(input.items);
    const history: UserHistory = summariseLog(input.log, ix.index, { now: input.now }).history;
    const positive = history.weights.some((w) => w > 0);
    const dims = ix.features?.cols;
    const acc = dims && params && params.rows === 1 && params.cols === dims ? params : undefined;
    const tv = acc ? tasteVector({ sum: acc.data, mass: Number(acc.info.mass) || 0, at: 0 }) : undefined;
    return { ix, history, positive, tv };
  }

  function rankItems(
    params: UserParameters | undefined,
    input: RecommenderInput,
    candidates: readonly ItemView[],
    k: number,
  ): Scored[] {
    const items = input.items;
    const { ix, history, positive, tv } = prepare(params, input);
    const scores = new Float32Array(items.length);
    const mask = new Uint8Array(items.length).fill(1);
    const visual = visualScores(ix, tv);
    for (const c of candidates) {
      const r = ix.index.indexOf(c.itemId);
      if (r < 0) continue;
      mask[r] = 0;
      if (positive || tv) scores[r] = profileScore(visual, r, items[r], input);
    }
    const cold = !positive && !tv;
    const ranking = rank(
      fixedScores(cold ? 'cold-start' : TASTE_RECOMMENDER_ID, scores),
      cold ? {} : { history },
      {
        k: Math.min(k, candidates.length),
        excludeMask: mask,
        ...(ix.features ? { diversity: { lambda: cold ? COLD_START_LAMBDA : lambda, features: ix.features } } : {}),
      },
    );
    const titleOf = (id: string) => ix.titles[ix.index.indexOf(id)];
    return Array.from(ranking.items, (r, n) => {
      const explanations = calibrate(
        explainItem(r, cold ? { items: new Int32Array(0), weights: new Float32Array(0) } : history, {
          ...(ix.features ? { features: ix.features } : {}),
          facts: ix.facts,
          itemIds: ix.index.ids,
        }),
      );
      return {
        itemId: items[r].itemId,
        score: ranking.scores[n],
        reasons: explanations.slice(0, 2).map((e) => describeExplanation(e, titleOf)),
        explanations,
      };
    });
  }

  return {
    id: TASTE_RECOMMENDER_ID,
    train: (input, ctx) => taste.train(input, ctx),
    foldIn: (params, event, input) => taste.foldIn(params, event, input),
    rank: rankItems,
    scores(params, input) {
      const { ix, positive, tv } = prepare(params, input);
      const out = new Float32Array(input.items.length);
      const visual = visualScores(ix, tv);
      if (positive || tv) input.items.forEach((item, r) => (out[r] = profileScore(visual, r, item, input)));
      return out;
    },
    similar(input, itemId, k, exclude) {
      const ix = indexedFor(input.items);
      const r = ix.index.indexOf(itemId);
      if (r < 0 || !ix.features) return [];
      const mask = new Uint8Array(input.items.length);
      input.items.forEach((it, i) => {
        if (!it.inStock || !it.embedding || exclude?.has(it.itemId)) mask[i] = 1;
      });
      const top = similarItems(ix.features, r, k, { excludeMask: mask });
      const title = ix.titles[r] ?? itemId;
      return Array.from(top.indices, (i, n) => ({
        itemId: input.items[i].itemId,
        score: top.scores[n],
        reasons: [`looks like ${title}`],
        explanations: [{ kind: 'similar-to', item: r, itemId, weight: top.scores[n] } satisfies Explanation],
      }));
    },
  };
}
