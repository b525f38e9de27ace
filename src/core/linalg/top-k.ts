/**
 * Top-k selection over a score array with a bounded min-heap: O(N log k) instead of the O(N log N)
 * score-all-then-sort baseline. Excluded indices (mask[i] !== 0) and -Infinity scores are skipped.
 */
export interface TopK {
  indices: Int32Array;
  scores: Float32Array;
}

export function topK(
  scores: ArrayLike<number>,
  k: number,
  exclude?: Uint8Array,
  include?: (i: number) => boolean,
): TopK {
  const n = scores.length;
  k = Math.max(0, Math.min(k, n));
  const heap = new ScoreHeap(k);
  for (let i = 0; i < n; i++) {
    if (exclude && exclude[i]) continue;
    const s = scores[i];
    if (s === -Infinity || s !== s) continue; // excluded or NaN (rank() rejects NaN before this)
    // Indices arrive in increasing order, so a score equal to the root's loses the tie: only a higher one enters.
    if (heap.size === k && !(s > heap.hs[0])) continue;
    if (include && !include(i)) continue;
    heap.push(s, i);
  }
  return heap.sortedDescending();
}

/**
 * The bounded min-heap of topK, ordered by score then by index (of two equal scores the larger index is
 * "lower"), so the entry evicted at the boundary is the one a full sort would drop, and the final order
 * (descending score, ties by the lower index) comes from an in-place heapsort: a comparator sort of a few
 * hundred entries cost more than the whole selection (V8 calls the comparator per compare).
 */
class ScoreHeap {
  readonly hs: Float64Array;
  readonly hi: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.hs = new Float64Array(k);
    this.hi = new Int32Array(k);
  }

  private lower(a: number, b: number): boolean {
    const { hs, hi } = this;
    return hs[a] < hs[b] || (hs[a] === hs[b] && hi[a] > hi[b]);
  }

  private swap(a: number, b: number): void {
    const { hs, hi } = this;
    const s = hs[a];
    hs[a] = hs[b];
    hs[b] = s;
    const i = hi[a];
    hi[a] = hi[b];
    hi[b] = i;
  }

  private siftDown(c: number, end: number): void {
    for (;;) {
      const l = 2 * c + 1;
      if (l >= end) return;
      const r = l + 1;
      const m = r < end && this.lower(r, l) ? r : l;
      if (!this.lower(m, c)) return;
      this.swap(c, m);
      c = m;
    }
  }

  /** Adds (s, i), replacing the root when full (the caller checked that (s, i) beats it). */
  push(s: number, i: number): void {
    const { hs, hi } = this;
    if (this.size < this.k) {
      let c = this.size++;
      hs[c] = s;
      hi[c] = i;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!this.lower(c, p)) break;
        this.swap(c, p);
        c = p;
      }
    } else {
      hs[0] = s;
      hi[0] = i;
      this.siftDown(0, this.k);
    }
  }

  sortedDescending(): TopK {
    const size = this.size;
    for (let end = size - 1; end > 0; end--) {
      this.swap(0, end);
      this.siftDown(0, end);
    }
    return { indices: this.hi.subarray(0, size), scores: Float32Array.from(this.hs.subarray(0, size)) };
  }
}

/** The naive baseline the bench compares against: sort every candidate. */
export function topKBySort(scores: ArrayLike<number>, k: number, exclude?: Uint8Array): TopK {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!(exclude && exclude[i]) && scores[i] > -Infinity) idx.push(i);
  idx.sort((a, b) => scores[b] - scores[a] || a - b);
  const top = idx.slice(0, k);
  return { indices: Int32Array.from(top), scores: Float32Array.from(top, (i) => scores[i]) };
}

/**
 * The k-th largest value (1-based) of `values`, which it reorders in place: Hoare quickselect, O(n) on
 * average, for thresholds where a full sort would be most of the cost.
 */
export function kthLargest(values: Float64Array | Float32Array, k: number): number {
  const n = values.length;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k must be 1..${n}, got ${k}`);
  const target = k - 1; // index in descending order
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] > pivot) i++;
      while (values[j] < pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target];
  }
  return values[target];
}
