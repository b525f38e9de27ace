/**
 * Ranking metrics as pure functions of (ranked list, relevant set). Binary relevance; `ranked` is the
 * model's list best first, `relevant` the held-out positives. Conventions follow cornac: Recall@K divides
 * by |relevant|, NDCG@K's ideal DCG uses min(|relevant|, K) hits.
 */
export type Relevant = ReadonlySet<number>;

export function hitsAtK(ranked: ArrayLike<number>, relevant: Relevant, k: number): number {
  let h = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) if (relevant.has(ranked[r])) h++;
  return h;
}

export function precisionAtK(ranked: ArrayLike<number>, relevant: Relevant, k: number): number {
  return hitsAtK(ranked, relevant, k) / k;
}

export function recallAtK(ranked: ArrayLike<number>, relevant: Relevant, k: number): number {
  return relevant.size ? hitsAtK(ranked, relevant, k) / relevant.size : 0;
}

export function ndcgAtK(ranked: ArrayLike<number>, relevant: Relevant, k: number): number {
  let dcg = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++)
    if (relevant.has(ranked[r])) dcg += 1 / Math.log2(r + 2);
  let idcg = 0;
  for (let r = 0; r < Math.min(k, relevant.size); r++) idcg += 1 / Math.log2(r + 2);
  return idcg ? dcg / idcg : 0;
}

/** Reciprocal rank of the first relevant item (0 when none is ranked). */
export function reciprocalRank(ranked: ArrayLike<number>, relevant: Relevant): number {
  for (let r = 0; r < ranked.length; r++) if (relevant.has(ranked[r])) return 1 / (r + 1);
  return 0;
}

/**
 * AUC over a full score vector: the probability that a random relevant item outscores a random negative
 * (ties count half). Candidates are items with mask[i] === 0; negatives are candidates not relevant.
 */
export function auc(scores: ArrayLike<number>, relevant: Relevant, mask?: Uint8Array): number {
  const pos: number[] = [],
    neg: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (mask && mask[i]) continue;
    (relevant.has(i) ? pos : neg).push(scores[i]);
  }
  if (!pos.length || !neg.length) return NaN;
  neg.sort((a, b) => a - b);
  let wins = 0;
  for (const s of pos) {
    // count negatives below s and equal to s by binary search
    const below = lowerBound(neg, s);
    const upTo = upperBound(neg, s);
    wins += below + 0.5 * (upTo - below);
  }
  return wins / (pos.length * neg.length);
}

function lowerBound(a: number[], x: number): number {
  let lo = 0,
    hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (a[m] < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

function upperBound(a: number[], x: number): number {
  let lo = 0,
    hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (a[m] <= x) lo = m + 1;
    else hi = m;
  }
  return lo;
}
