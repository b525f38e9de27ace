import type { NamedColor } from '../../core/catalog/schema';
import { createRng } from '../../shared/random';
import { labToHex } from './color-space';
import { kmeans, nearestCentre } from './kmeans';
import { nameColor } from './palette';
import type { WorkingImage } from './prepare';

export interface DominantColorOptions {
  k: number;
  seed: number;
  /** Named colours lighter than this share of the foreground are dropped (noise, JPEG fringes). */
  minWeight: number;
  /** k-means runs on at most this many foreground pixels (evenly strided); all pixels are then assigned. */
  maxSamples: number;
}

/**
 * k-means in Lab over foreground pixels, each cluster named, same-name clusters merged (weights summed,
 * centres weight-averaged), heaviest first. Weights are shares of the foreground, so they sum to <= 1.
 */
export function dominantColors(img: WorkingImage, mask: Uint8Array, opt: DominantColorOptions): NamedColor[] {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  const fg = new Int32Array(count);
  for (let i = 0, f = 0; i < mask.length; i++) if (mask[i]) fg[f++] = i;
  if (fg.length === 0) return [];
  const step = Math.max(1, fg.length / opt.maxSamples);
  const sampleCount = Math.min(fg.length, Math.floor(fg.length / step));
  const sample = new Float32Array(sampleCount * 3);
  for (let s = 0; s < sampleCount; s++) {
    const i = fg[Math.floor(s * step)];
    sample[s * 3] = img.lab[i * 3];
    sample[s * 3 + 1] = img.lab[i * 3 + 1];
    sample[s * 3 + 2] = img.lab[i * 3 + 2];
  }
  const { centres, k } = kmeans(sample, opt.k, createRng(opt.seed));

  // Assign every foreground pixel once, so weights reflect the whole foreground, not the sample.
  const sums = new Float64Array(k * 3);
  const counts = new Float64Array(k);
  for (const i of fg) {
    const j = nearestCentre(img.lab, i, centres, k);
    sums[j * 3] += img.lab[i * 3];
    sums[j * 3 + 1] += img.lab[i * 3 + 1];
    sums[j * 3 + 2] += img.lab[i * 3 + 2];
    counts[j]++;
  }

  const merged = new Map<string, { l: number; a: number; b: number; n: number }>();
  for (let j = 0; j < k; j++) {
    if (counts[j] === 0) continue;
    const l = sums[j * 3] / counts[j];
    const a = sums[j * 3 + 1] / counts[j];
    const b = sums[j * 3 + 2] / counts[j];
    const name = nameColor(l, a, b);
    const m = merged.get(name) ?? { l: 0, a: 0, b: 0, n: 0 };
    m.l += l * counts[j];
    m.a += a * counts[j];
    m.b += b * counts[j];
    m.n += counts[j];
    merged.set(name, m);
  }
  const total = fg.length;
  return [...merged.entries()]
    .map(([name, m]) => ({
      name,
      hex: labToHex(m.l / m.n, m.a / m.n, m.b / m.n),
      weight: Math.min(1, m.n / total),
    }))
    .filter((c) => c.weight >= opt.minWeight)
    // Ties broken by name so the order never depends on Map insertion order.
    .sort((x, y) => y.weight - x.weight || x.name.localeCompare(y.name));
}
