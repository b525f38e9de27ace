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
  const hi = new Int32Array(k);
  const hs = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < n; i++) {
    if (exclude && exclude[i]) continue;
    const s = scores[i];
    if (s === -Infinity || s !== s) continue; // excluded or NaN (rank() rejects NaN before this)
    if (size === k && !(s > hs[0])) continue; // NaN never enters the heap
    if (include && !include(i)) continue;
    if (size < k) {
      // sift up
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (hs[p] <= s) break;
        hs[c] = hs[p];
        hi[c] = hi[p];
        c = p;
      }
      hs[c] = s;
      hi[c] = i;
    } else {
      // replace root, sift down
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        if (l >= k) break;
        const r = l + 1;
        const m = r < k && hs[r] < hs[l] ? r : l;
        if (hs[m] >= s) break;
        hs[c] = hs[m];
        hi[c] = hi[m];
        c = m;
      }
      hs[c] = s;
      hi[c] = i;
    }
  }
  // Heap to descending order; ties broken by the lower index so results are deterministic.
  const order = Array.from({ length: size }, (_, j) => j).sort((a, b) => hs[b] - hs[a] || hi[a] - hi[b]);
  const out: TopK = { indices: new Int32Array(size), scores: new Float32Array(size) };
  order.forEach((j, r) => {
    out.indices[r] = hi[j];
    out.scores[r] = hs[j];
  });
  return out;
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
