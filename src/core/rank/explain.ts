import type { UserHistory } from '../data/history';
import { cosine, type Matrix } from '../linalg';

/** Interpretable facts about an item (plain data: the features layer maps ImageAttributes onto this). */
export interface ItemFacts {
  category?: string;
  /** Dominant colour names, heaviest first. */
  colors?: string[];
  texture?: ArrayLike<number>;
  shape?: ArrayLike<number>;
}

export type Explanation =
  | { kind: 'similar-to'; item: number; itemId?: string; weight: number }
  | {
      kind: 'attribute';
      attribute: 'color' | 'texture' | 'shape' | 'category';
      value: string;
      weight: number;
    }
  | { kind: 'popular-in'; category: string; weight: number }
  | { kind: 'popular'; weight: number };

export interface ExplainOptions {
  /** L2-normalised item features (visual or fused) for "similar to what you liked". */
  features?: Matrix;
  facts?: readonly (ItemFacts | undefined)[];
  itemIds?: readonly string[];
  /** How many liked items to cite at most. Default 2. */
  maxSimilar?: number;
  /** Minimum share of the positive history weight an attribute value needs to be cited. Default 0.3. */
  minShare?: number;
  /** Minimum cosine between the item's and the liked items' texture/shape descriptors. Default 0.9. */
  minDescriptorSimilarity?: number;
}

/**
 * Why this item? Structured reasons, strongest first, that the UI turns into words: the liked items that
 * contribute most by visual similarity (weight x cosine), attribute values the item shares with a large
 * share of what was liked (colour, category) and texture/shape descriptors close to the liked average.
 * Without a positive history the reason is popularity (in the item's category when known).
 */
export function explainItem(item: number, history: UserHistory, options: ExplainOptions = {}): Explanation[] {
  const out: Explanation[] = [];
  const facts = options.facts?.[item];
  const likedIdx: number[] = [],
    likedW: number[] = [];
  for (let k = 0; k < history.items.length; k++)
    if (history.weights[k] > 0 && history.items[k] !== item) {
      likedIdx.push(history.items[k]);
      likedW.push(history.weights[k]);
    }
  const total = likedW.reduce((a, b) => a + b, 0);
  if (!likedIdx.length) {
    out.push(
      facts?.category
        ? { kind: 'popular-in', category: facts.category, weight: 1 }
        : { kind: 'popular', weight: 1 },
    );
    return out;
  }
  const f = options.features;
  if (f) {
    const d = f.cols;
    const contrib = likedIdx
      .map((j, k) => ({ j, w: (likedW[k] / total) * cosine(f.data, f.data, d, item * d, j * d) }))
      .filter((c) => c.w > 0)
      .sort((a, b) => b.w - a.w || a.j - b.j)
      .slice(0, options.maxSimilar ?? 2);
    for (const c of contrib)
      out.push({ kind: 'similar-to', item: c.j, itemId: options.itemIds?.[c.j], weight: c.w });
  }
  const minShare = options.minShare ?? 0.3;
  if (facts && options.facts) {
    const all = options.facts;
    const share = (has: (x: ItemFacts) => boolean) =>
      likedIdx.reduce((s, j, k) => (all[j] && has(all[j]!) ? s + likedW[k] : s), 0) / total;
    if (facts.category) {
      const s = share((x) => x.category === facts.category);
      if (s >= minShare)
        out.push({ kind: 'attribute', attribute: 'category', value: facts.category, weight: s });
    }
    for (const color of facts.colors?.slice(0, 2) ?? []) {
      const s = share((x) => x.colors?.slice(0, 2).includes(color) ?? false);
      if (s >= minShare) out.push({ kind: 'attribute', attribute: 'color', value: color, weight: s });
    }
    for (const attribute of ['texture', 'shape'] as const) {
      const mine = facts[attribute];
      if (!mine) continue;
      const mean = new Float64Array(mine.length);
      for (let k = 0; k < likedIdx.length; k++) {
        const v = all[likedIdx[k]]?.[attribute];
        if (v && v.length === mine.length) for (let c = 0; c < v.length; c++) mean[c] += likedW[k] * v[c];
      }
      const s = cosine(mine, mean);
      if (s >= (options.minDescriptorSimilarity ?? 0.9))
        out.push({ kind: 'attribute', attribute, value: `similar ${attribute}`, weight: s });
    }
  }
  return out.sort((a, b) => b.weight - a.weight);
}
