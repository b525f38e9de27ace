import { dot } from './embedding-post';

/**
 * Category-retrieval quality of a feature (pure): rows are L2-normalised vectors, labels their classes.
 * P@1: share of items whose nearest other item (cosine) has the same label.
 * Pair AUC: probability that a random same-label pair is more similar than a random different-label pair
 * (ties count half), over all pairs.
 */
export interface RetrievalScores {
  precisionAt1: number;
  pairAuc: number;
  items: number;
  classes: number;
}

export function retrievalScores(rows: readonly Float32Array[], labels: readonly string[]): RetrievalScores {
  const n = rows.length;
  if (n !== labels.length) throw new Error(`retrievalScores: ${n} rows, ${labels.length} labels`);
  if (n < 2) throw new Error('retrievalScores: need at least two items');
  const sims = new Float64Array((n * (n - 1)) / 2);
  const same = new Uint8Array(sims.length);
  const best = new Float64Array(n).fill(-Infinity);
  const bestIdx = new Int32Array(n).fill(-1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, k++) {
      const s = dot(rows[i]!, rows[j]!);
      sims[k] = s;
      same[k] = labels[i] === labels[j] ? 1 : 0;
      if (s > best[i]!) [best[i], bestIdx[i]] = [s, j];
      if (s > best[j]!) [best[j], bestIdx[j]] = [s, i];
    }
  }
  let hits = 0;
  for (let i = 0; i < n; i++) if (labels[bestIdx[i]!] === labels[i]) hits++;
  return { precisionAt1: hits / n, pairAuc: auc(sims, same), items: n, classes: new Set(labels).size };
}

/** Mann-Whitney AUC with ties averaged. */
export function auc(scores: Float64Array, positive: Uint8Array): number {
  const order = Array.from(scores.keys()).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) {
      if (positive[order[t]!]) {
        pos++;
        rankSum += avgRank;
      }
    }
    i = j + 1;
  }
  const neg = order.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
