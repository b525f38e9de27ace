import {
  FACETS,
  type AttributePreferences,
  type Facet,
  type ItemFacts,
  type LabelPreference,
  type LabelShare,
} from './preferences';
import { tasteScore } from './taste';

export interface ProfileScoreOptions {
  visualWeight: number;
  attributeWeight: number;
  /**
   * How much a preference for colour name b carries over to name a (1 when equal). Supplied by the caller
   * (features/attributes colorNameSimilarity); absent, only exact names count.
   */
  colorSimilarity?: (a: string, b: string) => number;
}

export const DEFAULT_PROFILE_SCORE: ProfileScoreOptions = { visualWeight: 1, attributeWeight: 0.5 };

const FACET_WORD: Record<Facet, string> = {
  categories: '',
  colors: '',
  textures: 'texture',
  shapes: 'shape',
};

function shares(facts: ItemFacts, facet: Facet): readonly LabelShare[] {
  if (facet === 'categories') return facts.category ? [{ name: facts.category, weight: 1 }] : [];
  return facts[facet] ?? [];
}

interface FacetView {
  preferenceFor: (name: string) => number;
  /** The facet's strongest |preference|: how decided the shopper is on it. */
  decided: number;
}

// scoreByProfile runs once per item per ranking: pool and summarise each preference list once, not per item.
const facetViews = new WeakMap<readonly LabelPreference[], WeakMap<object, FacetView>>();
const EXACT = {};

function facetView(prefs: readonly LabelPreference[], similarity?: (a: string, b: string) => number): FacetView {
  let bySimilarity = facetViews.get(prefs);
  if (!bySimilarity) facetViews.set(prefs, (bySimilarity = new WeakMap()));
  const key = similarity ?? EXACT;
  let view = bySimilarity.get(key);
  if (view) return view;
  const scores = new Map(prefs.map((p) => [p.name, p.score]));
  const pooled = new Map<string, number>();
  // Shades pool: navy, blue and light-blue likes together say "blues", as strongly as one name could.
  const pool = (name: string): number => {
    let sum = 0;
    for (const [other, score] of scores) sum += score * (other === name ? 1 : similarity!(name, other));
    return Math.max(-1, Math.min(1, sum));
  };
  const preferenceFor = similarity
    ? (name: string) => {
        let v = pooled.get(name);
        if (v === undefined) pooled.set(name, (v = pool(name)));
        return v;
      }
    : (name: string) => scores.get(name) ?? 0;
  let decided = 0;
  for (const p of prefs) decided = Math.max(decided, Math.abs(preferenceFor(p.name)));
  view = { preferenceFor, decided };
  bySimilarity.set(key, view);
  return view;
}

/**
 * Content-based score of one item against the profile: cosine to the visual taste vector plus the mean,
 * over the item's facets, of the share-weighted label preferences. Also returns the reasons that carried
 * the score, for the "why this?" line. The profile-level fallback until a trained model is available.
 */
export function scoreByProfile(
  profile: { tasteVector?: Float32Array; preferences: AttributePreferences },
  item: { embedding?: Float32Array; facts: ItemFacts },
  options: ProfileScoreOptions = DEFAULT_PROFILE_SCORE,
): { score: number; reasons: string[] } {
  const reasons: { text: string; weight: number }[] = [];
  let visual = 0;
  if (profile.tasteVector && item.embedding && item.embedding.length === profile.tasteVector.length) {
    visual = tasteScore(profile.tasteVector, item.embedding);
    if (visual > 0.3)
      reasons.push({ text: 'looks like items you liked', weight: visual * options.visualWeight });
  }
  // Facets count by how decided the shopper is on them (their strongest preference, liked or not): five blue likes of
  // mixed garments make colour the story, not category; a plain mean would drown it among four facets.
  let attr = 0,
    facets = 0;
  for (const facet of FACETS) {
    const labels = shares(item.facts, facet);
    const total = labels.reduce((s, l) => s + Math.max(0, l.weight), 0);
    if (total <= 0) continue;
    const { preferenceFor, decided } = facetView(
      profile.preferences[facet],
      facet === 'colors' ? options.colorSimilarity : undefined,
    );
    if (decided <= 0) continue;
    let s = 0;
    for (const l of labels) {
      const contribution = (Math.max(0, l.weight) / total) * preferenceFor(l.name);
      s += contribution;
      if (contribution > 0.15) {
        const word = FACET_WORD[facet];
        reasons.push({
          text: `${l.name}${word ? ` ${word}` : ''}, which you tend to like`,
          weight: contribution * options.attributeWeight,
        });
      }
    }
    attr += decided * s;
    facets += decided;
  }
  const score = options.visualWeight * visual + options.attributeWeight * (facets ? attr / facets : 0);
  return {
    score,
    reasons: reasons
      .sort((a, b) => b.weight - a.weight)
      .slice(0, 2)
      .map((r) => r.text),
  };
}
