import { describe, expect, it } from 'vitest';
import { createRng } from '../../shared/random';
import { columnCounts, csrFromTriples, hasEntry, rowItems, rowValues } from './csr';
import { summariseLog } from './history';
import { IdIndex } from './id-index';
import { sampleBprTriples } from './sampler';
import {
  coldStartItemSplit,
  foldInSplit,
  leaveOneOutSplit,
  perUserRatioSplit,
  ratioSplit,
  temporalSplit,
} from './splits';
import { textFeatures } from './text-features';
import { createTriples, type Triples } from './triples';

function grid(nUsers: number, nItems: number, every = 2): Triples {
  const us: number[] = [],
    is: number[] = [],
    ts: number[] = [];
  for (let u = 0; u < nUsers; u++)
    for (let i = u % every; i < nItems; i += every) {
      us.push(u);
      is.push(i);
      ts.push(u * 100 + i);
    }
  return createTriples(us, is, undefined, ts);
}

const key = (t: Triples) => Array.from(t.users, (u, p) => `${u}:${t.items[p]}`);

describe('IdIndex and CSR', () => {
  it('maps ids both ways', () => {
    const ix = new IdIndex(['a', 'b']);
    expect(ix.add('c')).toBe(2);
    expect(ix.add('a')).toBe(0);
    expect(ix.indexOf('zz')).toBe(-1);
    expect(ix.ids).toEqual(['a', 'b', 'c']);
  });

  it('builds sorted rows, merges duplicates by summing, rejects out-of-range entries', () => {
    const m = csrFromTriples(createTriples([1, 0, 1, 1], [3, 2, 0, 3], [1, 2, 3, 4]), 2, 4);
    expect(Array.from(rowItems(m, 1))).toEqual([0, 3]);
    expect(Array.from(rowValues(m, 1))).toEqual([3, 5]);
    expect(hasEntry(m, 0, 2)).toBe(true);
    expect(hasEntry(m, 0, 3)).toBe(false);
    expect(Array.from(columnCounts(m))).toEqual([1, 0, 1, 1]);
    expect(() => csrFromTriples(createTriples([0], [9]), 1, 4)).toThrow(RangeError);
  });

  it('samples BPR triples whose negative is never a positive, reproducibly', () => {
    const m = csrFromTriples(grid(10, 20), 10, 20);
    const draw = () => {
      const out = { u: new Int32Array(500), i: new Int32Array(500), j: new Int32Array(500) };
      sampleBprTriples(m, 500, createRng(4), out);
      return out;
    };
    const a = draw();
    for (let k = 0; k < 500; k++) {
      expect(hasEntry(m, a.u[k], a.i[k])).toBe(true);
      expect(hasEntry(m, a.u[k], a.j[k])).toBe(false);
    }
    expect(Array.from(draw().j)).toEqual(Array.from(a.j));
  });
});

describe('splits', () => {
  const t = grid(20, 30);
  const checkPartition = (train: Triples, test: Triples) => {
    const all = [...key(train), ...key(test)].sort();
    expect(all).toEqual(key(t).sort());
  };

  it('ratio split: a seeded partition with the requested share', () => {
    const s = ratioSplit(t, 0.2, 1);
    checkPartition(s.train, s.test);
    expect(s.test.users.length).toBe(Math.round(t.users.length * 0.2));
    expect(key(ratioSplit(t, 0.2, 1).test)).toEqual(key(s.test));
    expect(key(ratioSplit(t, 0.2, 2).test)).not.toEqual(key(s.test));
  });

  it('per-user ratio, leave-one-out and temporal splits keep training for every user', () => {
    for (const s of [
      perUserRatioSplit(t, 20, 0.2, 3),
      leaveOneOutSplit(t, 20, 3),
      temporalSplit(t, 20, 0.2),
    ]) {
      checkPartition(s.train, s.test);
      expect(new Set(s.train.users).size).toBe(20);
    }
    const loo = leaveOneOutSplit(t, 20, 3);
    expect(loo.test.users.length).toBe(20);
    // latest by time: the largest item of each user in this grid
    for (let p = 0; p < loo.test.users.length; p++) expect(loo.test.items[p]).toBeGreaterThanOrEqual(28);
    const tmp = temporalSplit(t, 20, 0.2);
    for (let p = 0; p < tmp.test.users.length; p++) {
      const u = tmp.test.users[p];
      const trainTimes = Array.from(tmp.train.times!).filter((_, q) => tmp.train.users[q] === u);
      expect(tmp.test.times![p]).toBeGreaterThan(Math.max(...trainTimes));
    }
  });

  it('cold-start items never appear in training', () => {
    const s = coldStartItemSplit(t, 30, 0.2, 5);
    checkPartition(s.train, s.test);
    const cold = new Set(s.coldItems);
    expect(cold.size).toBe(6);
    expect(Array.from(s.train.items).some((i) => cold.has(i))).toBe(false);
  });

  it('fold-in split holds users out of training entirely', () => {
    const s = foldInSplit(t, 20, 0.25, 0.3, 7);
    expect(s.heldOutUsers.length).toBe(5);
    const held = new Set(s.heldOutUsers);
    expect(Array.from(s.train.users).some((u) => held.has(u))).toBe(false);
    expect(Array.from(s.test.users).every((u) => held.has(u))).toBe(true);
    expect([...key(s.train), ...key(s.foldIn), ...key(s.test)].sort()).toEqual(key(t).sort());
  });
});

describe('summariseLog', () => {
  const items = new IdIndex(['a', 'b', 'c']);
  const day = 86_400_000;

  it('combines events per item with time decay and signs', () => {
    const s = summariseLog(
      [
        { kind: 'like', itemId: 'a', at: 0 },
        { kind: 'like', itemId: 'a', at: 30 * day },
        { kind: 'not-interested', itemId: 'b', at: 30 * day },
        { kind: 'add-to-cart', itemId: 'c', at: 30 * day },
        { kind: 'like', itemId: 'gone', at: 30 * day },
      ],
      items,
      { now: 30 * day, halfLifeDays: 30 },
    );
    expect(Array.from(s.history.items)).toEqual([0, 1, 2]);
    expect(s.history.weights[0]).toBeCloseTo(1.5, 6); // 1 * 0.5 (one half-life old) + 1
    expect(s.history.weights[1]).toBe(-1);
    expect(Array.from(s.inCart)).toEqual([2]);
    expect(s.unknownItemIds).toEqual(['gone']);
  });

  it('moves an item from cart to purchased', () => {
    const s = summariseLog(
      [
        { kind: 'add-to-cart', itemId: 'c', at: 1 },
        { kind: 'purchase', itemId: 'c', at: 2 },
      ],
      items,
      { now: 2 },
    );
    expect(Array.from(s.purchased)).toEqual([2]);
    expect(s.inCart.length).toBe(0);
  });
});

describe('textFeatures', () => {
  it('gives unit rows where shared words mean higher similarity', () => {
    const f = textFeatures([['red summer dress'], ['red summer skirt'], ['leather boots']], { dims: 64 });
    const dotRows = (a: number, b: number) =>
      Array.from({ length: 64 }, (_, c) => f.data[a * 64 + c] * f.data[b * 64 + c]).reduce((x, y) => x + y);
    expect(dotRows(0, 0)).toBeCloseTo(1, 5);
    expect(dotRows(0, 1)).toBeGreaterThan(dotRows(0, 2));
  });
});
