import { describe, expect, it } from 'vitest';
import { createCheckerboard } from '../../testing/checkerboard';
import { markRow, rowItems } from '../data/csr';
import { createHistory } from '../data/history';
import { rank } from '../rank/rank';
import {
  BprModel,
  ContentModel,
  EaseModel,
  MfModel,
  PopularityModel,
  RandomModel,
  VbprModel,
  type Recommender,
  type TrainData,
} from './index';

/**
 * One contract for every model (STYLE.md #4): on the checkerboard, each user's held-out item of their own
 * block must rank first; a new user known only by a history gets the same answer; fits are seeded.
 */
const cb = createCheckerboard();

interface Case {
  make: () => Recommender;
  explicit?: boolean;
  visual?: boolean;
}

const cases: Record<string, Case> = {
  content: { make: () => new ContentModel({ name: 'visual-content' }), visual: true },
  bpr: { make: () => new BprModel({ factors: 8, epochs: 150, learningRate: 0.05, seed: 3 }) },
  vbpr: { make: () => new VbprModel({ factors: 4, visualFactors: 4, epochs: 150, seed: 3 }), visual: true },
  ease: { make: () => new EaseModel({ regularization: 1 }) },
  mf: { make: () => new MfModel({ factors: 6, epochs: 200, learningRate: 0.02, seed: 3 }), explicit: true },
};

function dataFor(c: Case): TrainData {
  return { interactions: c.explicit ? cb.ratings : cb.train, features: c.visual ? cb.features : undefined };
}

function trainMask(c: Case, u: number): Uint8Array {
  const mask = new Uint8Array(cb.nItems);
  markRow(c.explicit ? cb.ratings : cb.train, u, mask);
  for (const i of cb.coldItems) mask[i] = 1; // cold items have their own test below
  return mask;
}

describe.each(Object.entries(cases))('recommender contract: %s', (_name, c) => {
  const model = c.make();
  const report = model.fit(dataFor(c));

  it('ranks every user’s held-out item first', () => {
    const wrong: number[] = [];
    for (let u = 0; u < cb.nUsers; u++) {
      const r = rank(model, { user: u }, { k: 1, excludeMask: trainMask(c, u) });
      expect(r.source).toBe('user');
      if (r.items[0] !== cb.heldOut[u]) wrong.push(u);
    }
    expect(wrong).toEqual([]);
  });

  it('gives a new user known only by a history the same answer (fold-in)', () => {
    for (let g = 0; g < cb.groups; g++) {
      const held = g * cb.itemsPerBlock + 1;
      const items = Array.from({ length: cb.itemsPerBlock }, (_, k) => g * cb.itemsPerBlock + k).filter(
        (i) => i !== held,
      );
      const weights = items.map(() => (c.explicit ? 5 : 1));
      if (c.explicit) {
        items.push(((g + 1) % cb.groups) * cb.itemsPerBlock);
        weights.push(1);
      }
      const mask = new Uint8Array(cb.nItems);
      items.forEach((i) => (mask[i] = 1));
      for (const i of cb.coldItems) mask[i] = 1;
      const r = rank(model, { history: createHistory(items, weights) }, { k: 1, excludeMask: mask });
      expect(r.source).toBe('history');
      expect(r.items[0]).toBe(held);
    }
  });

  it('is deterministic for a fixed seed', () => {
    const again = c.make();
    again.fit(dataFor(c));
    const a = new Float32Array(cb.nItems),
      b = new Float32Array(cb.nItems);
    for (const u of [0, cb.nUsers - 1])
      expect(Array.from(again.scoreUser(u, b))).toEqual(Array.from(model.scoreUser(u, a)));
  });

  it('reports a finite training run without rollbacks', () => {
    expect(report.rolledBack).toEqual([]);
    for (const l of report.losses) if (!Number.isNaN(l)) expect(Number.isFinite(l)).toBe(true);
  });

  if (c.visual)
    it('places cold items (no interactions) by their features: the top cold item is in the user’s block', () => {
      const cold = new Set(cb.coldItems);
      for (let u = 0; u < cb.nUsers; u++) {
        const r = rank(model, { user: u }, { k: 1, filter: (i) => cold.has(i) });
        expect(cb.blockOfItem[r.items[0]]).toBe(cb.groupOfUser(u));
      }
    });
});

describe('baselines', () => {
  it('popularity ranks by training counts and serves unknown users', () => {
    const m = new PopularityModel();
    m.fit({ interactions: cb.train });
    const r = rank(m, { user: 999 }, { k: cb.nItems });
    expect(r.source).toBe('fallback');
    const counts = new Float32Array(cb.nItems);
    for (let u = 0; u < cb.nUsers; u++) for (const i of rowItems(cb.train, u)) counts[i]++;
    for (let k = 1; k < r.items.length; k++)
      expect(counts[r.items[k - 1]]).toBeGreaterThanOrEqual(counts[r.items[k]]);
  });

  it('random is seeded per user and differs across users', () => {
    const a = new RandomModel({ seed: 5 }),
      b = new RandomModel({ seed: 5 });
    a.fit({ interactions: cb.train });
    b.fit({ interactions: cb.train });
    const s = (m: RandomModel, u: number) => Array.from(m.scoreUser(u, new Float32Array(cb.nItems)));
    expect(s(a, 2)).toEqual(s(b, 2));
    expect(s(a, 2)).not.toEqual(s(a, 3));
  });
});
