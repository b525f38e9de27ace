import type { Interaction } from '../../core/data/interactions';

export interface StarterCandidate {
  id: string;
  category: string;
  /** Dominant named colour from the vision features ('' when unknown). */
  color: string;
  inStock: boolean;
}

/**
 * A small, varied set for "pick a few images you like": round-robin over categories (largest first), and in
 * each category the item whose dominant colour has been shown least so far, so neither one category nor one
 * colour fills the grid. Deterministic (catalog order breaks ties); in-stock items first.
 */
export function pickStarterItems(items: readonly StarterCandidate[], count = 12): string[] {
  const pool = [...items.filter((i) => i.inStock), ...items.filter((i) => !i.inStock)];
  const byCategory = new Map<string, StarterCandidate[]>();
  for (const item of pool) byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), item]);
  const categories = [...byCategory.keys()].sort((a, b) => byCategory.get(b)!.length - byCategory.get(a)!.length);
  const colorUse = new Map<string, number>();
  const picked: string[] = [];
  while (picked.length < count && categories.some((c) => byCategory.get(c)!.length)) {
    for (const category of categories) {
      if (picked.length >= count) break;
      const left = byCategory.get(category)!;
      if (!left.length) continue;
      let best = 0;
      for (let i = 1; i < left.length; i++) {
        if ((colorUse.get(left[i].color) ?? 0) < (colorUse.get(left[best].color) ?? 0)) best = i;
      }
      const [item] = left.splice(best, 1);
      colorUse.set(item.color, (colorUse.get(item.color) ?? 0) + 1);
      picked.push(item.id);
    }
  }
  return picked;
}

/** Events that say what a shopper likes or not; views and dwell alone leave a profile "new". */
const TASTE_KINDS = new Set<Interaction['kind']>(['like', 'save', 'add-to-cart', 'purchase', 'rating', 'dismiss', 'not-interested']);

export function hasTasteSignal(events: readonly Pick<Interaction, 'kind'>[]): boolean {
  return events.some((e) => TASTE_KINDS.has(e.kind));
}

export const MIN_STARTER_PICKS = 3;
