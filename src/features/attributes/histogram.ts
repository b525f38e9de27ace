import type { WorkingImage } from './prepare';

/**
 * Colour histogram layout (COLOR_HISTOGRAM_LENGTH = 52), over foreground pixels, sums to 1:
 * - bins 0..47, chromatic pixels (s >= 0.2 and v >= 0.2): 12 hue bins (30 degrees, centred on 0, 30, ...)
 *   x 2 saturation bins (s < 0.55, s >= 0.55) x 2 value bins (v < 0.6, v >= 0.6);
 *   index = hue * 4 + sat * 2 + val. Hue is split linearly between the two nearest hue bins so a hue on
 *   a bin edge does not flip between bins (robust to small lighting changes).
 * - bins 48..51, achromatic pixels: value quartiles (black, dark grey, light grey, white).
 */
export const HUE_BINS = 12;
export const COLOR_HISTOGRAM_LENGTH = HUE_BINS * 4 + 4;

export function colorHistogram(img: WorkingImage, mask: Uint8Array): Float32Array {
  const hist = new Float32Array(COLOR_HISTOGRAM_LENGTH);
  let total = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    // HSV inline (same maths as rgbToHsv): an object per pixel would dominate this loop.
    const r = img.rgb[i * 3];
    const g = img.rgb[i * 3 + 1];
    const b = img.rgb[i * 3 + 2];
    const max = r > g ? (r > b ? r : b) : g > b ? g : b;
    const min = r < g ? (r < b ? r : b) : g < b ? g : b;
    const d = max - min;
    const v = max / 255;
    const s = max === 0 ? 0 : d / max;
    total++;
    if (s < 0.2 || v < 0.2) {
      hist[HUE_BINS * 4 + Math.min(3, Math.floor(v * 4))] += 1;
      continue;
    }
    let h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    h *= 60;
    if (h < 0) h += 360;
    const offset = (s >= 0.55 ? 2 : 0) + (v >= 0.6 ? 1 : 0);
    const pos = h / (360 / HUE_BINS);
    const lo = Math.floor(pos);
    const frac = pos - lo;
    hist[(lo % HUE_BINS) * 4 + offset] += 1 - frac;
    hist[((lo + 1) % HUE_BINS) * 4 + offset] += frac;
  }
  if (total > 0) for (let b = 0; b < hist.length; b++) hist[b] /= total;
  return hist;
}

/** Histogram intersection: 1 for identical distributions, 0 for disjoint ones. */
export function histogramIntersection(a: Float32Array, b: Float32Array): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += Math.min(a[i], b[i]);
  return s;
}
