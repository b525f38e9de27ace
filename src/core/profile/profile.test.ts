import { describe, expect, it } from 'vitest';
import type { Interaction } from '../data/interactions';
import {
  DAY_MS,
  DEFAULT_PROFILE_SCORE,
  scoreByProfile,
  buildAttributePreferences,
  buildProfile,
  buildTasteAccumulator,
  decayFactor,
  effectiveWeight,
  foldInTaste,
  createTasteAccumulator,
  lessLikeThis,
  shouldLearn,
  tasteScore,
  tasteVector,
  type ItemFacts,
} from './index';

const NOW = 1_000 * DAY_MS;
const ev = (kind: Interaction['kind'], itemId: string, daysAgo = 0, value?: number): Interaction => ({
  kind,
  itemId,
  at: NOW - daysAgo * DAY_MS,
  ...(value === undefined ? {} : { value }),
});

const FACTS: Record<string, ItemFacts> = {
  redDress: {
    category: 'dress',
    colors: [{ name: 'red', weight: 0.9 }],
    textures: [{ name: 'smooth', weight: 1 }],
  },
  blueShirt: { category: 'shirt', colors: [{ name: 'blue', weight: 0.5 }] },
  redBlueShirt: {
    category: 'shirt',
    colors: [
      { name: 'red', weight: 0.3 },
      { name: 'blue', weight: 0.1 },
    ],
  },
  noFacts: {},
};
const factsOf = (id: string) => FACTS[id];

describe('time decay', () => {
  it('halves per half-life and never boosts future events', () => {
    expect(decayFactor(0, 30)).toBe(1);
    expect(decayFactor(30 * DAY_MS, 30)).toBeCloseTo(0.5, 12);
    expect(decayFactor(60 * DAY_MS, 30)).toBeCloseTo(0.25, 12);
    expect(decayFactor(-5 * DAY_MS, 30)).toBe(1);
    expect(effectiveWeight(ev('like', 'a', 30), NOW)).toBeCloseTo(0.5, 12);
    expect(effectiveWeight(ev('purchase', 'a', 0), NOW)).toBe(2);
  });
});

describe('attribute preferences (known answers)', () => {
  it('like a red dress now, dismiss a blue shirt now', () => {
    // weights: like +1, dismiss -0.7; total |w| = 1.7 per facet that both items have.
    const p = buildAttributePreferences([ev('like', 'redDress'), ev('dismiss', 'blueShirt')], factsOf, NOW);
    expect(p.colors.map((c) => c.name)).toEqual(['red', 'blue']);
    expect(p.colors[0].score).toBeCloseTo(1 / 1.7, 10);
    expect(p.colors[1].score).toBeCloseTo(-0.7 / 1.7, 10);
    expect(p.categories).toEqual([
      { name: 'dress', score: expect.closeTo(1 / 1.7, 10), support: 1 },
      { name: 'shirt', score: expect.closeTo(-0.7 / 1.7, 10), support: expect.closeTo(0.7, 10) },
    ]);
    // Only the dress has a texture: one event, full score.
    expect(p.textures).toEqual([{ name: 'smooth', score: 1, support: 1 }]);
    expect(p.shapes).toEqual([]);
  });

  it('splits a multi-coloured item by its normalised shares and decays old events', () => {
    // like redBlueShirt 30 days ago (w = 0.5): red share 0.75, blue 0.25.
    // like blueShirt now (w = 1): blue share 1. total = 1.5.
    const p = buildAttributePreferences(
      [ev('like', 'redBlueShirt', 30), ev('like', 'blueShirt')],
      factsOf,
      NOW,
    );
    const score = Object.fromEntries(p.colors.map((c) => [c.name, c.score]));
    expect(score.blue).toBeCloseTo((0.5 * 0.25 + 1) / 1.5, 10);
    expect(score.red).toBeCloseTo((0.5 * 0.75) / 1.5, 10);
    expect(p.categories).toEqual([{ name: 'shirt', score: 1, support: 1.5 }]);
  });

  it('ignores zero-weight events and items without facts', () => {
    const p = buildAttributePreferences(
      [ev('rating', 'redDress', 0, 3), ev('like', 'noFacts'), ev('like', 'unknown')],
      factsOf,
      NOW,
    );
    expect(p.colors).toEqual([]);
    expect(p.categories).toEqual([]);
  });
});

describe('visual taste vector', () => {
  const emb: Record<string, Float32Array> = {
    a: new Float32Array([1, 0, 0]),
    b: new Float32Array([0, 1, 0]),
    c: new Float32Array([0, 0, 1]),
  };
  const embeddingOf = (id: string) => emb[id];

  it('is the normalised signed weighted mean', () => {
    // like a (+1), purchase b (+2), not-interested c (-1): direction (1, 2, -1)/sqrt(6).
    const acc = buildTasteAccumulator(
      [ev('like', 'a'), ev('purchase', 'b'), ev('not-interested', 'c')],
      embeddingOf,
      3,
    );
    const v = tasteVector(acc)!;
    const s = Math.sqrt(6);
    expect([...v].map((x) => +x.toFixed(6))).toEqual([1 / s, 2 / s, -1 / s].map((x) => +x.toFixed(6)));
    expect(acc.mass).toBe(4);
    expect(tasteScore(v, emb.b)).toBeGreaterThan(tasteScore(v, emb.a));
    expect(tasteScore(v, emb.c)).toBeLessThan(0);
  });

  it('folding events in one at a time equals rebuilding from the log, with decay', () => {
    const log = [ev('like', 'a', 40), ev('save', 'b', 10), ev('dismiss', 'c', 2), ev('like', 'b', 0)];
    const batch = tasteVector(buildTasteAccumulator(log, embeddingOf, 3))!;
    let acc = createTasteAccumulator(3);
    for (const e of log) acc = foldInTaste(acc, e, embeddingOf(e.itemId));
    const inc = tasteVector(acc)!;
    for (let i = 0; i < 3; i++) expect(inc[i]).toBeCloseTo(batch[i], 6);
    // The older like of a has decayed: b dominates.
    expect(inc[1]).toBeGreaterThan(inc[0]);
  });

  it('has no direction without signal and skips wrong-dimension embeddings', () => {
    expect(tasteVector(createTasteAccumulator(3))).toBeUndefined();
    const acc = foldInTaste(createTasteAccumulator(3), ev('like', 'x'), new Float32Array(5));
    expect(acc.mass).toBe(0);
  });
});

describe('buildProfile and edits', () => {
  const log = [
    ev('like', 'redDress', 1),
    ev('view', 'blueShirt', 1),
    ev('dismiss', 'blueShirt', 0),
    ev('purchase', 'redBlueShirt', 3),
  ];

  it('ranks items by decayed weight and carries the controls', () => {
    const p = buildProfile(
      log,
      { paused: false },
      { factsOf, now: NOW, weighting: { halfLifeDays: 1e9, weights: { ...defaultWeights() } } },
    );
    expect(p.items.map((i) => [i.itemId, +i.weight.toFixed(6)])).toEqual([
      ['redBlueShirt', 2],
      ['redDress', 1],
      ['blueShirt', -0.5],
    ]);
    expect(p.events).toBe(4);
    expect(p.tasteVector).toBeUndefined();
  });

  it('removing an interaction or adding "less like this" changes the profile', () => {
    const base = buildProfile(log, { paused: false }, { factsOf, now: NOW });
    const without = buildProfile(log.slice(1), { paused: false }, { factsOf, now: NOW });
    expect(base.preferences.categories[0].name).toBe('shirt');
    expect(without.items.map((i) => i.itemId)).not.toContain('redDress');
    const less = buildProfile(
      [...log, lessLikeThis('redBlueShirt', NOW), lessLikeThis('redBlueShirt', NOW)],
      { paused: false },
      { factsOf, now: NOW },
    );
    const before = base.items.find((i) => i.itemId === 'redBlueShirt')!.weight;
    const after = less.items.find((i) => i.itemId === 'redBlueShirt')!.weight;
    expect(after).toBeCloseTo(before - 2, 10);
  });

  it('reset ignores earlier events; pause stops learning', () => {
    const p = buildProfile(log, { paused: true, resetAt: NOW - 0.5 * DAY_MS }, { factsOf, now: NOW });
    expect(p.events).toBe(1);
    expect(p.items.map((i) => i.itemId)).toEqual(['blueShirt']);
    expect(p.paused).toBe(true);
    expect(shouldLearn({ paused: true })).toBe(false);
    expect(shouldLearn({ paused: false })).toBe(true);
  });
});

function defaultWeights() {
  return {
    view: 0.2,
    dwell: 0.3,
    like: 1,
    save: 1.2,
    'add-to-cart': 1.5,
    purchase: 2,
    rating: 1,
    dismiss: -0.7,
    'not-interested': -1,
  };
}

describe('scoreByProfile', () => {
  it('adds cosine to the taste vector and the facet preferences weighted by how decided each facet is, with reasons', async () => {
    const { scoreByProfile } = await import('./score');
    const preferences = buildAttributePreferences(
      [ev('like', 'redDress'), ev('dismiss', 'blueShirt')],
      factsOf,
      NOW,
    );
    const taste = new Float32Array([1, 0]);
    const red = scoreByProfile(
      { tasteVector: taste, preferences },
      { embedding: new Float32Array([0.6, 0.8]), facts: FACTS.redDress },
    );
    // visual 0.6; facets (preference, weight = the facet's strongest |preference|): category dress 1/1.7
    // (weight 1/1.7), colour red 1/1.7 (1/1.7), texture smooth 1 (1) -> weighted mean; times 0.5.
    const d = 1 / 1.7;
    expect(red.score).toBeCloseTo(0.6 + 0.5 * ((d * d + d * d + 1) / (d + d + 1)), 6);
    expect(red.reasons).toContain('looks like items you liked');
    const blue = scoreByProfile(
      { tasteVector: taste, preferences },
      { embedding: new Float32Array([0, 1]), facts: FACTS.blueShirt },
    );
    expect(blue.score).toBeCloseTo(0.5 * (-0.7 / 1.7), 6);
    expect(blue.reasons).toEqual([]);
  });
});

describe('scoreByProfile with colour shades', () => {
  const preferences = {
    categories: [],
    colors: [
      { name: 'navy', score: 0.34, support: 1 },
      { name: 'blue', score: 0.33, support: 1 },
      { name: 'light blue', score: 0.33, support: 1 },
    ],
    textures: [],
    shapes: [],
  };
  const item = (name: string) => ({ facts: { colors: [{ name, weight: 1 }] } });
  const shades = (a: string, b: string) => (a === b ? 1 : ['navy', 'blue', 'light blue'].includes(a) && ['navy', 'blue', 'light blue'].includes(b) ? 0.6 : 0);

  it('pools a taste split over shades, leaves other colours at zero, and never exceeds one full preference', () => {
    const exact = scoreByProfile({ preferences }, item('blue')).score;
    const pooled = scoreByProfile({ preferences }, item('blue'), { ...DEFAULT_PROFILE_SCORE, colorSimilarity: shades }).score;
    expect(pooled).toBeGreaterThan(exact * 1.5);
    expect(pooled).toBeLessThanOrEqual(DEFAULT_PROFILE_SCORE.attributeWeight + 1e-9);
    expect(scoreByProfile({ preferences }, item('pink'), { ...DEFAULT_PROFILE_SCORE, colorSimilarity: shades }).score).toBe(0);
  });
});
