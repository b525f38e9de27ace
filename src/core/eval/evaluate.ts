import { markRow, rowItems, rowLength, type CsrMatrix } from '../data/csr';
import { createTriples, type Triples } from '../data/triples';
import { NonFiniteError, topK, type Matrix } from '../linalg';
import {
  auc,
  catalogCoverage,
  intraListDiversity,
  ndcgAtK,
  novelty,
  precisionAtK,
  recallAtK,
} from '../metrics';

/** Writes a user's scores for every item (a model's scoreUser, or a fold-in path). */
export type UserScorer = (user: number, out: Float32Array) => void;

export interface RankingEvalOptions {
  /** Cut-offs; default [10, 20]. */
  ks?: number[];
  /** For intra-list diversity (normalised item features). */
  features?: Matrix;
  /** Per-item training interaction counts, for novelty. */
  itemCounts?: ArrayLike<number>;
  /** Evaluate only these users (default: every user with a test positive). */
  users?: ArrayLike<number>;
  /** Items outside the candidate set for everyone (1 = never ranked), e.g. items unseen in training. */
  excludeItems?: Uint8Array;
}

/**
 * The evaluate() step of split -> fit -> rank -> metrics: for every test user, score all items, exclude the
 * user's training items, and average Precision/Recall/NDCG@K, MRR and AUC over users; coverage, diversity
 * and novelty are computed on the top-max(K) lists. Candidates: all items minus the user's training items.
 */
export function evaluateRanking(
  score: UserScorer,
  train: CsrMatrix,
  test: CsrMatrix,
  options: RankingEvalOptions = {},
): Record<string, number> {
  const ks = options.ks ?? [10, 20];
  const kMax = Math.max(...ks);
  const n = train.cols;
  const buf = new Float32Array(n);
  const mask = new Uint8Array(n);
  const sums: Record<string, number> = {};
  const add = (k: string, v: number) => (sums[k] = (sums[k] ?? 0) + v);
  const lists: Int32Array[] = [];
  let users = 0,
    aucUsers = 0;
  const candidates = options.users ?? Int32Array.from({ length: test.rows }, (_, u) => u);
  for (let idx = 0; idx < candidates.length; idx++) {
    const u = candidates[idx];
    if (rowLength(test, u) === 0) continue;
    score(u, buf);
    for (let i = 0; i < n; i++)
      if (buf[i] - buf[i] !== 0) throw new NonFiniteError(`scores for user ${u}`, i, buf[i]);
    if (options.excludeItems) mask.set(options.excludeItems);
    else mask.fill(0);
    if (u < train.rows) markRow(train, u, mask);
    const relevant = new Set<number>();
    for (const i of rowItems(test, u)) if (!mask[i]) relevant.add(i);
    if (!relevant.size) continue;
    users++;
    const top = topK(buf, kMax, mask).indices;
    lists.push(top);
    for (const k of ks) {
      add(`P@${k}`, precisionAtK(top, relevant, k));
      add(`R@${k}`, recallAtK(top, relevant, k));
      add(`NDCG@${k}`, ndcgAtK(top, relevant, k));
    }
    let best = -Infinity;
    for (const i of relevant) best = Math.max(best, buf[i]);
    let above = 0;
    for (let i = 0; i < n; i++) if (!mask[i] && buf[i] > best) above++;
    add('MRR', 1 / (above + 1));
    const a = auc(buf, relevant, mask);
    if (!Number.isNaN(a)) {
      aucUsers++;
      add('AUC', a);
    }
    if (options.features) add(`ILD@${kMax}`, intraListDiversity(top, options.features));
    if (options.itemCounts) add(`novelty@${kMax}`, novelty(top, options.itemCounts, train.rows));
  }
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(sums)) out[k] = v / (k === 'AUC' ? aucUsers : users);
  const nCandidates = options.excludeItems ? n - options.excludeItems.reduce((a, b) => a + b, 0) : n;
  out[`coverage@${kMax}`] = catalogCoverage(lists, nCandidates);
  out.users = users;
  return out;
}

/** Test triples whose user and item both occur in training (cornac's exclude_unknowns). */
export function dropUnseen(train: Triples, test: Triples): Triples {
  const users = new Set(train.users),
    items = new Set(train.items);
  const keep: number[] = [];
  for (let p = 0; p < test.users.length; p++)
    if (users.has(test.users[p]) && items.has(test.items[p])) keep.push(p);
  return createTriples(
    keep.map((p) => test.users[p]),
    keep.map((p) => test.items[p]),
    keep.map((p) => test.values[p]),
    test.times ? keep.map((p) => test.times![p]) : undefined,
  );
}

/**
 * Re-indexes a split to the users and items that occur in training (cornac builds its id maps from the
 * training set): test triples with unseen users or items are dropped. Returns the old indices per new
 * index so features can follow.
 */
export function reindexToTrain(
  train: Triples,
  test: Triples,
): { train: Triples; test: Triples; nUsers: number; nItems: number; userOf: Int32Array; itemOf: Int32Array } {
  const uMap = new Map<number, number>(),
    iMap = new Map<number, number>();
  for (let p = 0; p < train.users.length; p++) {
    if (!uMap.has(train.users[p])) uMap.set(train.users[p], uMap.size);
    if (!iMap.has(train.items[p])) iMap.set(train.items[p], iMap.size);
  }
  const kept = dropUnseen(train, test);
  const remap = (t: Triples): Triples => ({
    users: t.users.map((u) => uMap.get(u)!),
    items: t.items.map((i) => iMap.get(i)!),
    values: t.values,
    times: t.times,
  });
  return {
    train: remap(train),
    test: remap(kept),
    nUsers: uMap.size,
    nItems: iMap.size,
    userOf: Int32Array.from(uMap.keys()),
    itemOf: Int32Array.from(iMap.keys()),
  };
}
