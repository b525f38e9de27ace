import { createRng, shuffle } from '../../shared/random';
import { positionsByUser, selectTriples, type Triples } from './triples';

/** Train/test partition of the same triples; every split is seeded and reproducible. */
export interface Split {
  train: Triples;
  test: Triples;
}

function partition(t: Triples, isTest: Uint8Array): Split {
  const tr: number[] = [],
    te: number[] = [];
  for (let p = 0; p < isTest.length; p++) (isTest[p] ? te : tr).push(p);
  return { train: selectTriples(t, tr), test: selectTriples(t, te) };
}

/** Uniform random split of all triples (the cornac RatioSplit): testFraction of them go to test. */
export function ratioSplit(t: Triples, testFraction: number, seed: number): Split {
  const n = t.users.length;
  const order = shuffle(
    Array.from({ length: n }, (_, p) => p),
    createRng(seed),
  );
  const isTest = new Uint8Array(n);
  const nTest = Math.round(n * testFraction);
  for (let k = 0; k < nTest; k++) isTest[order[k]] = 1;
  return partition(t, isTest);
}

/** Per-user random split: each user with >= 2 interactions keeps round(share) of them for test. */
export function perUserRatioSplit(t: Triples, nUsers: number, testFraction: number, seed: number): Split {
  const rng = createRng(seed);
  const isTest = new Uint8Array(t.users.length);
  for (const ps of positionsByUser(t, nUsers)) {
    if (ps.length < 2) continue;
    shuffle(ps, rng);
    const nTest = Math.min(ps.length - 1, Math.max(1, Math.round(ps.length * testFraction)));
    for (let k = 0; k < nTest; k++) isTest[ps[k]] = 1;
  }
  return partition(t, isTest);
}

/** Leave-one-out: one interaction per user (the latest when times exist, else a random one) goes to test. */
export function leaveOneOutSplit(t: Triples, nUsers: number, seed: number): Split {
  const rng = createRng(seed);
  const isTest = new Uint8Array(t.users.length);
  for (const ps of positionsByUser(t, nUsers)) {
    if (ps.length < 2) continue;
    let pick = ps[rng.int(ps.length)];
    if (t.times)
      for (const p of ps)
        if (t.times[p] > t.times[pick] || (t.times[p] === t.times[pick] && p > pick)) pick = p;
    isTest[pick] = 1;
  }
  return partition(t, isTest);
}

/** Temporal split: each user's latest testFraction of interactions (by time) go to test. */
export function temporalSplit(t: Triples, nUsers: number, testFraction: number): Split {
  if (!t.times) throw new Error('temporalSplit needs timestamps');
  const times = t.times;
  const isTest = new Uint8Array(t.users.length);
  for (const ps of positionsByUser(t, nUsers)) {
    if (ps.length < 2) continue;
    ps.sort((a, b) => times[a] - times[b] || a - b);
    const nTest = Math.min(ps.length - 1, Math.max(1, Math.round(ps.length * testFraction)));
    for (let k = ps.length - nTest; k < ps.length; k++) isTest[ps[k]] = 1;
  }
  return partition(t, isTest);
}

/** Cold-start items: a random testFraction of items is held out entirely; all their triples go to test. */
export function coldStartItemSplit(
  t: Triples,
  nItems: number,
  testFraction: number,
  seed: number,
): Split & { coldItems: Int32Array } {
  const items = shuffle(
    Array.from({ length: nItems }, (_, i) => i),
    createRng(seed),
  );
  const cold = new Uint8Array(nItems);
  const coldItems = Int32Array.from(items.slice(0, Math.round(nItems * testFraction))).sort();
  for (const i of coldItems) cold[i] = 1;
  const isTest = new Uint8Array(t.users.length);
  for (let p = 0; p < isTest.length; p++) isTest[p] = cold[t.items[p]];
  return { ...partition(t, isTest), coldItems };
}

/**
 * Fold-in split (mirrors Glimpse): a random share of users is held out. Their interactions are split into
 * a fold-in part (what the browser would have seen) and a test part; everyone else is `train`.
 */
export function foldInSplit(
  t: Triples,
  nUsers: number,
  heldOutFraction: number,
  testFraction: number,
  seed: number,
): { train: Triples; foldIn: Triples; test: Triples; heldOutUsers: Int32Array } {
  const rng = createRng(seed);
  const users = shuffle(
    Array.from({ length: nUsers }, (_, u) => u),
    rng,
  );
  const held = new Uint8Array(nUsers);
  const heldOutUsers = Int32Array.from(users.slice(0, Math.round(nUsers * heldOutFraction))).sort();
  for (const u of heldOutUsers) held[u] = 1;
  const tr: number[] = [],
    fi: number[] = [],
    te: number[] = [];
  positionsByUser(t, nUsers).forEach((ps, u) => {
    if (!held[u]) return void tr.push(...ps);
    shuffle(ps, rng);
    const nTest =
      ps.length < 2 ? 0 : Math.min(ps.length - 1, Math.max(1, Math.round(ps.length * testFraction)));
    te.push(...ps.slice(0, nTest));
    fi.push(...ps.slice(nTest));
  });
  const byPos = (a: number, b: number) => a - b;
  return {
    train: selectTriples(t, tr.sort(byPos)),
    foldIn: selectTriples(t, fi.sort(byPos)),
    test: selectTriples(t, te.sort(byPos)),
    heldOutUsers,
  };
}
