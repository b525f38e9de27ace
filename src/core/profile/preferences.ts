import type { Interaction } from '../data/interactions';
import { DEFAULT_WEIGHTING, effectiveWeight, type WeightingOptions } from './decay';

/** A label and its share of an item (e.g. 0.7 of the foreground is "red"). */
export interface LabelShare {
  name: string;
  weight: number;
}

/** Plain per-item attribute facts (from the catalog and the vision attributes), all optional. */
export interface ItemFacts {
  category?: string;
  colors?: readonly LabelShare[];
  textures?: readonly LabelShare[];
  shapes?: readonly LabelShare[];
}

export const FACETS = ['categories', 'colors', 'textures', 'shapes'] as const;
export type Facet = (typeof FACETS)[number];

export interface LabelPreference {
  name: string;
  /** In [-1, 1]: signed, decayed weight on this label over the total absolute weight of events with this facet. */
  score: number;
  /** Absolute decayed weight behind the score (how much evidence). */
  support: number;
}

export type AttributePreferences = Record<Facet, LabelPreference[]>;

function sharesOf(facts: ItemFacts, facet: Facet): readonly LabelShare[] | undefined {
  if (facet === 'categories') return facts.category ? [{ name: facts.category, weight: 1 }] : undefined;
  return facts[facet];
}

/**
 * Preferences over named colours, categories, textures and shapes. For each facet and label:
 * score = Σ w_e · share_e(label) / Σ |w_e|, summed over events whose item has that facet, where w_e is the
 * event weight with time decay. Shares within an item are normalised to sum to 1 so a many-coloured item
 * does not count more than a plain one. Sorted by score, then support.
 */
export function buildAttributePreferences(
  events: readonly Interaction[],
  factsOf: (itemId: string) => ItemFacts | undefined,
  now: number,
  options: WeightingOptions = DEFAULT_WEIGHTING,
): AttributePreferences {
  const out = {} as AttributePreferences;
  for (const facet of FACETS) {
    const signed = new Map<string, number>();
    const support = new Map<string, number>();
    let total = 0;
    for (const e of events) {
      const w = effectiveWeight(e, now, options);
      const facts = factsOf(e.itemId);
      const shares = facts && sharesOf(facts, facet);
      if (w === 0 || !shares?.length) continue;
      const sum = shares.reduce((s, l) => s + Math.max(0, l.weight), 0);
      if (sum <= 0) continue;
      total += Math.abs(w);
      for (const l of shares) {
        const share = Math.max(0, l.weight) / sum;
        signed.set(l.name, (signed.get(l.name) ?? 0) + w * share);
        support.set(l.name, (support.get(l.name) ?? 0) + Math.abs(w) * share);
      }
    }
    out[facet] = [...signed]
      .map(([name, s]) => ({ name, score: s / total, support: support.get(name)! }))
      .sort((a, b) => b.score - a.score || b.support - a.support || a.name.localeCompare(b.name));
  }
  return out;
}
