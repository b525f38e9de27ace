import type { Matrix } from '../linalg';
import { cosine } from '../linalg';

/**
 * Maximal Marginal Relevance (Carbonell & Goldstein, SIGIR 1998): greedily pick the candidate maximising
 * lambda * relevance - (1 - lambda) * max similarity to what is already picked. Relevance is min-max scaled
 * over the pool so lambda means the same for every model; similarity is cosine over item features.
 * Returns positions into the candidate arrays, best first.
 */
export function mmr(
  candidates: ArrayLike<number>,
  scores: ArrayLike<number>,
  features: Matrix,
  k: number,
  lambda: number,
): number[] {
  if (!(lambda >= 0 && lambda <= 1)) throw new RangeError(`MMR lambda must be in [0, 1], got ${lambda}`);
  const n = candidates.length;
  let lo = Infinity,
    hi = -Infinity;
  for (let r = 0; r < n; r++) {
    lo = Math.min(lo, scores[r]);
    hi = Math.max(hi, scores[r]);
  }
  const span = hi - lo || 1;
  const maxSim = new Float64Array(n).fill(-Infinity);
  const taken = new Uint8Array(n);
  const picked: number[] = [];
  const d = features.cols;
  while (picked.length < Math.min(k, n)) {
    let best = -1,
      bestVal = -Infinity;
    for (let r = 0; r < n; r++) {
      if (taken[r]) continue;
      const rel = (scores[r] - lo) / span;
      const val = picked.length ? lambda * rel - (1 - lambda) * maxSim[r] : rel;
      if (val > bestVal) {
        bestVal = val;
        best = r;
      }
    }
    taken[best] = 1;
    picked.push(best);
    const bo = candidates[best] * d;
    for (let r = 0; r < n; r++) {
      if (taken[r]) continue;
      const s = cosine(features.data, features.data, d, candidates[r] * d, bo);
      if (s > maxSim[r]) maxSim[r] = s;
    }
  }
  return picked;
}
