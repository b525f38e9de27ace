import type { Interaction } from '../../../core/data/interactions';
import { buildProfile, type LabelPreference } from '../../../core/profile';
import { colorFamily } from '../../../features/attributes/palette';
import type { Explanation, ItemColor, Recommendation } from '../recs-client';

/**
 * The interim in-page recommender: a content model over the interpretable image attributes (colour
 * histogram, texture, shape) plus named-colour and category preferences from core/profile. It is what
 * the screens run on until the worker's VBPR/visual models answer through the client; it keeps the same
 * inputs (interaction log, item features) and the same output (ranked ids with structured reasons).
 */
export interface ContentItem {
  id: string;
  category: string;
  inStock: boolean;
  /** Contributor / wardrobe id (demo data), used for category co-occurrence. */
  source?: string;
  /** L2-normalised attribute vector. */
  vector: Float32Array;
  colors: readonly ItemColor[];
}

export interface ContentIndex {
  items: readonly ContentItem[];
  byId: ReadonlyMap<string, number>;
}

export function createContentIndex(items: readonly ContentItem[]): ContentIndex {
  return { items, byId: new Map(items.map((item, i) => [item.id, i])) };
}

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Blend of the three terms; visual similarity leads, named colours make it explainable. */
export const CONTENT_WEIGHTS = { visual: 0.5, color: 0.35, category: 0.15 } as const;
/** A preference this strong on the item's dominant colour is worth citing. */
const CITE_COLOR = 0.2;
const CITE_CATEGORY = 0.4;

export interface PersonalState {
  /** Decayed signed weight per catalog index (only items with events). */
  affinity: Map<number, number>;
  colorPref: Map<string, number>;
  categoryPref: Map<string, number>;
  colors: LabelPreference[];
  categories: LabelPreference[];
  /** Items never to recommend again: dismissed, liked, saved, bought. */
  hidden: Set<number>;
  /** Sum of |affinity|: 0 means a cold start. */
  evidence: number;
}

const HIDE_KINDS = new Set(['like', 'save', 'purchase', 'dismiss', 'not-interested']);

export function personalState(index: ContentIndex, events: readonly Interaction[], now: number): PersonalState {
  const profile = buildProfile(
    events,
    { paused: false },
    {
      now,
      factsOf: (id) => {
        const i = index.byId.get(id);
        if (i === undefined) return undefined;
        const item = index.items[i];
        return { category: item.category, colors: item.colors.map((c) => ({ name: c.name, weight: c.weight })) };
      },
    },
  );
  const affinity = new Map<number, number>();
  let evidence = 0;
  for (const a of profile.items) {
    const i = index.byId.get(a.itemId);
    if (i === undefined) continue;
    affinity.set(i, a.weight);
    evidence += Math.abs(a.weight);
  }
  const hidden = new Set<number>();
  for (const e of events) {
    const i = index.byId.get(e.itemId);
    if (i !== undefined && HIDE_KINDS.has(e.kind)) hidden.add(i);
  }
  return {
    affinity,
    colorPref: new Map(profile.preferences.colors.map((p) => [p.name, p.score])),
    categoryPref: new Map(profile.preferences.categories.map((p) => [p.name, p.score])),
    colors: profile.preferences.colors,
    categories: profile.preferences.categories,
    hidden,
    evidence,
  };
}

/** Visual affinity of item i: the affinity-weighted mean cosine to every item with events. */
function visualTerm(index: ContentIndex, state: PersonalState, i: number): { value: number; best?: { j: number; w: number } } {
  if (state.evidence === 0) return { value: 0 };
  const v = index.items[i].vector;
  let sum = 0;
  let best: { j: number; w: number } | undefined;
  for (const [j, a] of state.affinity) {
    if (j === i) continue;
    const c = dot(v, index.items[j].vector);
    sum += a * c;
    const w = (a / state.evidence) * c;
    if (a > 0 && (!best || w > best.w)) best = { j, w };
  }
  return { value: sum / state.evidence, best };
}

function colorTerm(item: ContentItem, state: PersonalState): number {
  const total = item.colors.reduce((s, c) => s + c.weight, 0) || 1;
  return item.colors.reduce((s, c) => s + (c.weight / total) * (state.colorPref.get(c.name) ?? 0), 0);
}

export function personalScore(index: ContentIndex, state: PersonalState, i: number): number {
  const item = index.items[i];
  return (
    CONTENT_WEIGHTS.visual * visualTerm(index, state, i).value +
    CONTENT_WEIGHTS.color * colorTerm(item, state) +
    CONTENT_WEIGHTS.category * (state.categoryPref.get(item.category) ?? 0)
  );
}

/** Why item i: structured reasons, strongest first (the UI words them). */
export function explain(index: ContentIndex, state: PersonalState, i: number): Explanation[] {
  const item = index.items[i];
  if (state.evidence === 0 || ![...state.affinity.values()].some((a) => a > 0)) {
    return [{ kind: 'popular-in', category: item.category, weight: 1 }];
  }
  const out: Explanation[] = [];
  const total = item.colors.reduce((s, c) => s + c.weight, 0) || 1;
  let citedColor = false;
  for (const c of item.colors.slice(0, 2)) {
    const pref = state.colorPref.get(c.name) ?? 0;
    const share = c.weight / total;
    if (pref >= CITE_COLOR && share >= 0.25) {
      out.push({ kind: 'attribute', attribute: 'color', value: c.name, weight: pref * share + 0.2 });
      citedColor = true;
    }
  }
  if (!citedColor) {
    const warmPref = [...state.colorPref].reduce((s, [name, p]) => s + (colorFamily(name) === 'warm' ? p : 0), 0);
    const coolPref = [...state.colorPref].reduce((s, [name, p]) => s + (colorFamily(name) === 'cool' ? p : 0), 0);
    const family = item.colors[0] && colorFamily(item.colors[0].name);
    if (family === 'warm' && warmPref >= 0.4) out.push({ kind: 'attribute', attribute: 'warmth', value: 'warm', weight: warmPref * 0.5 });
    if (family === 'cool' && coolPref >= 0.4) out.push({ kind: 'attribute', attribute: 'warmth', value: 'cool', weight: coolPref * 0.5 });
  }
  const best = visualTerm(index, state, i).best;
  if (best && best.w > 0) out.push({ kind: 'similar-to', itemId: index.items[best.j].id, weight: best.w });
  const catPref = state.categoryPref.get(item.category) ?? 0;
  if (catPref >= CITE_CATEGORY) out.push({ kind: 'attribute', attribute: 'category', value: item.category, weight: catPref * 0.3 });
  if (!out.length) out.push({ kind: 'popular-in', category: item.category, weight: 0.1 });
  return out.sort((a, b) => b.weight - a.weight);
}

/** How typical an item is of its category (cosine to the category centroid): the cold-start order. */
export function typicality(index: ContentIndex): Float32Array {
  const dims = index.items[0]?.vector.length ?? 0;
  const centroids = new Map<string, Float32Array>();
  for (const item of index.items) {
    const c = centroids.get(item.category) ?? new Float32Array(dims);
    for (let d = 0; d < dims; d++) c[d] += item.vector[d];
    centroids.set(item.category, c);
  }
  for (const c of centroids.values()) {
    const n = Math.hypot(...c) || 1;
    for (let d = 0; d < dims; d++) c[d] /= n;
  }
  return Float32Array.from(index.items, (item) => dot(item.vector, centroids.get(item.category)!));
}

export interface RankOptions {
  k: number;
  filter?: (i: number) => boolean;
}

/** The For-you feed: personal scores, hidden items removed; a cold start interleaves categories. */
export function rankForYou(index: ContentIndex, state: PersonalState, typical: Float32Array, options: RankOptions): Recommendation[] {
  const candidates: number[] = [];
  for (let i = 0; i < index.items.length; i++) {
    if (state.hidden.has(i) || !index.items[i].inStock) continue;
    if (options.filter && !options.filter(i)) continue;
    candidates.push(i);
  }
  const cold = !([...state.affinity.values()].some((a) => a > 0));
  let ordered: { i: number; score: number }[];
  if (cold) {
    // Round-robin over categories, most typical first, so a new shopper sees the range of the catalog.
    const byCat = new Map<string, number[]>();
    for (const i of candidates) {
      const list = byCat.get(index.items[i].category) ?? [];
      list.push(i);
      byCat.set(index.items[i].category, list);
    }
    for (const list of byCat.values()) list.sort((a, b) => typical[b] - typical[a] || a - b);
    const cats = [...byCat.keys()].sort();
    ordered = [];
    for (let round = 0; ordered.length < Math.min(options.k, candidates.length); round++) {
      for (const cat of cats) {
        const i = byCat.get(cat)![round];
        if (i !== undefined) ordered.push({ i, score: (typical[i] ?? 0) - round });
      }
    }
    // Dismissals still push similar items down in a cold start.
    if (state.evidence > 0) for (const o of ordered) o.score += personalScore(index, state, o.i);
  } else {
    ordered = candidates.map((i) => ({ i, score: personalScore(index, state, i) }));
    ordered.sort((a, b) => b.score - a.score || a.i - b.i);
  }
  return ordered.slice(0, options.k).map(({ i, score }) => ({
    itemId: index.items[i].id,
    score,
    explanations: explain(index, state, i),
  }));
}

/** Pure visual neighbours of a vector (an item or a photo), best first. */
export function nearest(index: ContentIndex, query: Float32Array, k: number, skip?: number): { i: number; score: number }[] {
  const scored: { i: number; score: number }[] = [];
  for (let i = 0; i < index.items.length; i++) if (i !== skip) scored.push({ i, score: dot(query, index.items[i].vector) });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.slice(0, k);
}

/**
 * Categories that co-occur with `category` in the same wardrobes (items sharing a `source`), by lift:
 * P(both) / (P(a) P(b)). Without sources every other category counts once.
 */
export function complementaryCategories(index: ContentIndex, category: string, limit = 3): string[] {
  const wardrobes = new Map<string, Set<string>>();
  for (const item of index.items) {
    if (!item.source) continue;
    const set = wardrobes.get(item.source) ?? new Set<string>();
    set.add(item.category);
    wardrobes.set(item.source, set);
  }
  const n = wardrobes.size;
  const counts = new Map<string, number>();
  const joint = new Map<string, number>();
  for (const cats of wardrobes.values()) {
    for (const c of cats) counts.set(c, (counts.get(c) ?? 0) + 1);
    if (!cats.has(category)) continue;
    for (const c of cats) if (c !== category) joint.set(c, (joint.get(c) ?? 0) + 1);
  }
  const all = [...new Set(index.items.map((i) => i.category))].filter((c) => c !== category);
  const lift = (c: string) => (n && counts.get(category) ? ((joint.get(c) ?? 0) * n) / ((counts.get(category) ?? 1) * (counts.get(c) ?? 1)) : 0);
  return all
    .filter((c) => !n || (joint.get(c) ?? 0) > 0)
    .sort((a, b) => lift(b) - lift(a) || (joint.get(b) ?? 0) - (joint.get(a) ?? 0) || a.localeCompare(b))
    .slice(0, limit);
}
