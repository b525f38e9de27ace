import type { Rng } from '../../shared/random';

/**
 * Lloyd's k-means with k-means++ seeding (Arthur & Vassilvitskii 2007) on 3-d points (Lab).
 * Deterministic for a given rng seed. Returns fewer than k centres when there are fewer distinct points.
 */
export interface KMeansResult {
  /** k * 3 centre coordinates. */
  centres: Float32Array;
  k: number;
}

function sqDist(p: Float32Array, i: number, c: Float32Array, j: number): number {
  const d0 = p[i] - c[j];
  const d1 = p[i + 1] - c[j + 1];
  const d2 = p[i + 2] - c[j + 2];
  return d0 * d0 + d1 * d1 + d2 * d2;
}

export function nearestCentre(points: Float32Array, i: number, centres: Float32Array, k: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let j = 0; j < k; j++) {
    const d = sqDist(points, i * 3, centres, j * 3);
    if (d < bestD) {
      bestD = d;
      best = j;
    }
  }
  return best;
}

function seedPlusPlus(points: Float32Array, n: number, k: number, rng: Rng): KMeansResult {
  const centres = new Float32Array(k * 3);
  const first = rng.int(n) * 3;
  for (let d = 0; d < 3; d++) centres[d] = points[first + d];
  const d2 = new Float64Array(n);
  for (let i = 0; i < n; i++) d2[i] = sqDist(points, i * 3, centres, 0);
  let found = 1;
  while (found < k) {
    let total = 0;
    for (let i = 0; i < n; i++) total += d2[i];
    if (total <= 1e-9) break; // every point coincides with a centre: no more distinct clusters
    let r = rng.next() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= d2[i];
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    for (let d = 0; d < 3; d++) centres[found * 3 + d] = points[pick * 3 + d];
    for (let i = 0; i < n; i++) d2[i] = Math.min(d2[i], sqDist(points, i * 3, centres, found * 3));
    found++;
  }
  return { centres: centres.slice(0, found * 3), k: found };
}

export function kmeans(points: Float32Array, k: number, rng: Rng, maxIterations = 15): KMeansResult {
  const n = points.length / 3;
  if (n === 0) return { centres: new Float32Array(0), k: 0 };
  const seeded = seedPlusPlus(points, n, Math.min(k, n), rng);
  const { centres } = seeded;
  const kk = seeded.k;
  const labels = new Int32Array(n).fill(-1);
  const sums = new Float64Array(kk * 3);
  const counts = new Uint32Array(kk);
  for (let iter = 0; iter < maxIterations; iter++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const j = nearestCentre(points, i, centres, kk);
      if (labels[i] !== j) {
        labels[i] = j;
        changed++;
      }
    }
    // Stop once (almost) nothing moves: the last few reassignments do not change a colour name or weight.
    if (changed <= n * 0.002) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const j = labels[i];
      sums[j * 3] += points[i * 3];
      sums[j * 3 + 1] += points[i * 3 + 1];
      sums[j * 3 + 2] += points[i * 3 + 2];
      counts[j]++;
    }
    // An emptied cluster keeps its old centre; it simply ends with weight 0 and is dropped by callers.
    for (let j = 0; j < kk; j++) {
      if (counts[j] === 0) continue;
      centres[j * 3] = sums[j * 3] / counts[j];
      centres[j * 3 + 1] = sums[j * 3 + 1] / counts[j];
      centres[j * 3 + 2] = sums[j * 3 + 2] / counts[j];
    }
  }
  return { centres, k: kk };
}
