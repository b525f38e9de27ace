import { cosine, type Matrix } from '../linalg';

/** Share of the catalog that appears in at least one recommendation list. */
export function catalogCoverage(lists: readonly ArrayLike<number>[], nItems: number): number {
  const seen = new Set<number>();
  for (const l of lists) for (let r = 0; r < l.length; r++) seen.add(l[r]);
  return nItems ? seen.size / nItems : 0;
}

/** Mean pairwise dissimilarity (1 - cosine over item features) within one list (Ziegler et al. 2005). */
export function intraListDiversity(list: ArrayLike<number>, features: Matrix): number {
  const d = features.cols;
  let s = 0,
    pairs = 0;
  for (let a = 0; a < list.length; a++)
    for (let b = a + 1; b < list.length; b++) {
      s += 1 - cosine(features.data, features.data, d, list[a] * d, list[b] * d);
      pairs++;
    }
  return pairs ? s / pairs : 0;
}

/**
 * Mean self-information of the recommended items, -log2(share of users who interacted with the item)
 * (Zhou et al. 2010): higher = less obvious picks. Items nobody interacted with count as seen by one user.
 */
export function novelty(list: ArrayLike<number>, itemUserCounts: ArrayLike<number>, nUsers: number): number {
  if (!list.length) return 0;
  let s = 0;
  for (let r = 0; r < list.length; r++) s += -Math.log2(Math.max(1, itemUserCounts[list[r]]) / nUsers);
  return s / list.length;
}
