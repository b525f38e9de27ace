import type { CatalogItem } from '../../core/catalog/schema';
import { interactionWeight, type Interaction, type InteractionKind } from '../../core/data/interactions';
import { buildTasteAccumulator, tasteVector } from '../../core/profile';
import type { Explanation, RecommendedItem } from '../types';

/**
 * Visual content-based ranking for the widget: the shopper's taste is the shared visual taste vector
 * (src/core/profile: decayed, signed, event-weighted mean of what they touched); candidates score by cosine
 * to it, and each explanation names the touched item that contributed most.
 */
export interface IndexedItem {
  item: CatalogItem;
  /** L2-normalised visual vector. */
  vector: Float32Array;
  /** Dominant colour name, for explanations. */
  colour: string;
}

/** Once bought, dismissed or declined, an item is not recommended again. */
const HIDE_AFTER: ReadonlySet<InteractionKind> = new Set(['purchase', 'dismiss', 'not-interested']);

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function topK(scored: { index: number; score: number }[], count: number): { index: number; score: number }[] {
  // Stable: ties keep catalog order, so equal scores rank the same way every time.
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, count);
}

function toRecs(items: IndexedItem[], picked: { index: number; score: number }[], why: (i: number) => Explanation): RecommendedItem[] {
  return picked.map((p, r) => ({ item: items[p.index].item, rank: r + 1, score: p.score, explanation: why(p.index) }));
}

export function rankByVector(items: IndexedItem[], query: Float32Array, count: number, exclude: ReadonlySet<string> = new Set(), why: (i: number) => Explanation = (i) => ({ kind: 'photo', color: items[i].colour })): RecommendedItem[] {
  const scored = items.flatMap((it, index) =>
    it.item.inStock && !exclude.has(it.item.id) ? [{ index, score: dot(query, it.vector) }] : []);
  return toRecs(items, topK(scored, count), why);
}

export function rankSimilar(items: IndexedItem[], itemId: string, count: number): RecommendedItem[] | null {
  const anchor = items.find((it) => it.item.id === itemId);
  if (!anchor) return null;
  return rankByVector(items, anchor.vector, count, new Set([itemId]), (i) => ({
    kind: 'similar-to', itemId: anchor.item.id, itemTitle: anchor.item.title, color: items[i].colour,
  }));
}

export function rankForYou(items: IndexedItem[], log: readonly Interaction[], count: number): RecommendedItem[] {
  const byId = new Map(items.map((it, i) => [it.item.id, i]));
  const weight = new Map<number, number>();
  const strongest = new Map<number, { kind: InteractionKind; w: number }>();
  const hidden = new Set<string>();
  for (const e of log) {
    if (HIDE_AFTER.has(e.kind)) hidden.add(e.itemId);
    const i = byId.get(e.itemId);
    if (i === undefined) continue; // events for items no longer in the catalog are kept but ignored
    const w = interactionWeight(e);
    weight.set(i, (weight.get(i) ?? 0) + w);
    if (w > (strongest.get(i)?.w ?? 0)) strongest.set(i, { kind: e.kind, w });
  }
  const dims = items[0]?.vector.length ?? 0;
  const taste = tasteVector(buildTasteAccumulator(log, (id) => {
    const i = byId.get(id);
    return i === undefined ? undefined : items[i].vector;
  }, dims));
  const any = [...weight.values()].some((w) => w > 0);
  if (!any || !taste) {
    // Cold start: the partner's own catalog order (their merchandising), in stock and not hidden.
    const scored = items.flatMap((it, index) => (it.item.inStock && !hidden.has(it.item.id) ? [{ index, score: 0 }] : []));
    return toRecs(items, topK(scored, count), () => ({ kind: 'popular' }));
  }
  const positives = [...weight].filter(([, w]) => w > 0).map(([i]) => i);
  return rankByVector(items, taste, count, hidden, (j) => {
    let best = positives[0];
    let bestScore = -Infinity;
    for (const i of positives) {
      const s = weight.get(i)! * dot(items[i].vector, items[j].vector);
      if (s > bestScore) { bestScore = s; best = i; }
    }
    return {
      kind: 'because-you', action: strongest.get(best)?.kind ?? 'like',
      itemId: items[best].item.id, itemTitle: items[best].item.title, color: items[j].colour,
    };
  });
}
