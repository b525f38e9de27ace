import { dot } from './embedding-post';

/**
 * Category-retrieval quality of a feature (pure): rows are L2-normalised vectors, labels their classes.
 * P@1: share of items whose nearest other item (cosine) has the same label.
 * Pair AUC: probability that a random same-label pair is more similar than a random different-label pair
 * (ties count half), over all pairs.
 * With `groups` (e.g. the photo's contributor), pairs inside one group are left out of both: the nearest
 * neighbour must come from another group, so recognising the photographer's background, light and camera
 * earns nothing.
 */
export interface RetrievalScores {
  precisionAt1: number;
  pairAuc: number;
  items: number;
  classes: number;
  /** Items that had at least one eligible neighbour (all items without groups). */
  queries: number;
}

export interface RetrievalOptions {
  /** Per row: a group id; same-group pairs are ignored. */
  groups?: readonly (string | number)[];
}

export function retrievalScores(rows: readonly Float32Array[], labels: readonly string[], options: RetrievalOptions = {}): RetrievalScores {
  const n = rows.length;
  const groups = options.groups;
  if (n !== labels.length) throw new Error(`retrievalScores: ${n} rows, ${labels.length} labels`);
  if (groups && groups.length !== n) throw new Error(`retrievalScores: ${n} rows, ${groups.length} groups`);
  if (n < 2) throw new Error('retrievalScores: need at least two items');
  // Positives fill the pair buffer from the front, negatives from the back: no per-pair flag array.
  const sims = new Float64Array((n * (n - 1)) / 2);
  let pos = 0;
  let neg = sims.length;
  const best = new Float64Array(n).fill(-Infinity);
  const bestIdx = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const ri = rows[i]!;
    for (let j = i + 1; j < n; j++) {
      if (groups && groups[i] === groups[j]) continue;
      const s = dot(ri, rows[j]!);
      if (labels[i] === labels[j]) sims[pos++] = s;
      else sims[--neg] = s;
      if (s > best[i]!) [best[i], bestIdx[i]] = [s, j];
      if (s > best[j]!) [best[j], bestIdx[j]] = [s, i];
    }
  }
  let hits = 0;
  let queries = 0;
  for (let i = 0; i < n; i++) {
    if (bestIdx[i]! < 0) continue;
    queries++;
    if (labels[bestIdx[i]!] === labels[i]) hits++;
  }
  return {
    precisionAt1: queries ? hits / queries : NaN,
    pairAuc: sortedAuc(sims.subarray(0, pos).sort(), sims.subarray(neg).sort()),
    items: n,
    classes: new Set(labels).size,
    queries,
  };
}

/** Mann-Whitney AUC with ties averaged. */
export function auc(scores: Float64Array, positive: Uint8Array): number {
  const p = scores.filter((_, i) => positive[i] === 1);
  const q = scores.filter((_, i) => positive[i] !== 1);
  return sortedAuc(p.sort(), q.sort());
}

/** AUC of ascending-sorted positive and negative scores in one merge pass (ties count half). */
function sortedAuc(pos: Float64Array, neg: Float64Array): number {
  if (pos.length === 0 || neg.length === 0) return NaN;
  let below = 0; // negatives strictly below the current positive
  let wins = 0;
  for (let i = 0; i < pos.length; ) {
    const v = pos[i]!;
    let j = i;
    while (j < pos.length && pos[j] === v) j++;
    while (below < neg.length && neg[below]! < v) below++;
    let equal = below;
    while (equal < neg.length && neg[equal] === v) equal++;
    wins += (j - i) * (below + (equal - below) / 2);
    i = j;
  }
  return wins / (pos.length * neg.length);
}
