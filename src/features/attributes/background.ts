import { createRng } from '../../shared/random';
import { kmeans, nearestCentre } from './kmeans';
import { centreMask, judgeMask, maskShare, type MaskVerdict } from './mask-checks';
import type { WorkingImage } from './prepare';

/**
 * Foreground/background separation for product photos. Assumption: the background touches the image
 * border and is made of a few fairly uniform colours (studio white, a floor, a wall). We model it with up
 * to three Lab modes of the border pixels, then flood-fill from the border through pixels close to a mode.
 * Flood fill (not a global threshold) keeps background-coloured details inside the garment (a white print
 * on a red shirt) as foreground.
 */
export interface ForegroundMask {
  /** 1 = foreground, per working pixel. */
  mask: Uint8Array;
  /** Share of working pixels that are foreground, 0..1. */
  share: number;
  /** How the mask was made: the background model, the alpha channel, or the centre fallback. */
  source: 'background' | 'alpha' | 'centre';
}

export interface BackgroundOptions {
  /** Below this foreground share the separation is judged to have failed (default 0.05). */
  minShare: number;
  /** Above this share nothing was removed: the fallback keeps centre-weighted pixels (default 0.97). */
  maxShare: number;
  seed: number;
}

/** Lightness counts half: shadows and lighting gradients on a backdrop change L* much more than hue. */
function bgDistance(lab: Float32Array, i: number, c: Float32Array, j: number): number {
  const dl = (lab[i] - c[j]) * 0.5;
  const da = lab[i + 1] - c[j + 1];
  const db = lab[i + 2] - c[j + 2];
  return Math.sqrt(dl * dl + da * da + db * db);
}

function borderIndices(width: number, height: number): Int32Array {
  const ring = ringWidth(width, height);
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x < ring || y < ring || x >= width - ring || y >= height - ring) out.push(y * width + x);
    }
  }
  return Int32Array.from(out);
}

function withCentreFallback(verdict: MaskVerdict, img: WorkingImage, source: ForegroundMask['source']): ForegroundMask {
  if (verdict.plausible) return { mask: verdict.mask, share: verdict.share, source };
  const centre = centreMask(img.width, img.height);
  return { mask: centre, share: maskShare(centre), source: 'centre' };
}

export function separateForeground(img: WorkingImage, opt: BackgroundOptions): ForegroundMask {
  const { width, height, lab, opaque } = img;
  const n = width * height;

  // A cut-out with real transparency already says what the product is.
  let transparent = 0;
  for (let i = 0; i < n; i++) transparent += 1 - opaque[i];
  if (transparent >= 0.01 * n) return withCentreFallback(judgeMask(opaque, width, height, opt.minShare, opt.maxShare), img, 'alpha');

  const border = borderIndices(width, height);
  // The backdrop model needs a few hundred pixels, not thousands: stride through the border ring.
  const stride = Math.max(1, Math.floor(border.length / 1000));
  const sampleCount = Math.ceil(border.length / stride);
  const borderLab = new Float32Array(sampleCount * 3);
  const sampled = new Int32Array(sampleCount);
  for (let s = 0; s < sampleCount; s++) {
    const p = border[s * stride];
    sampled[s] = p;
    borderLab[s * 3] = lab[p * 3];
    borderLab[s * 3 + 1] = lab[p * 3 + 1];
    borderLab[s * 3 + 2] = lab[p * 3 + 2];
  }
  const { centres, k } = kmeans(borderLab, 3, createRng(opt.seed ^ 0x5bd1e995), 10);

  // Per mode: how spread its own border pixels are sets how far a pixel may be and still be backdrop,
  // and on how many sides of the frame it appears (a backdrop surrounds the product; a garment that
  // crosses the frame touches one or two sides).
  const members: number[][] = Array.from({ length: k }, () => []);
  const sideHits = Array.from({ length: k }, () => new Uint32Array(4));
  const sideTotals = new Uint32Array(4);
  const ring = ringWidth(width, height);
  for (let i = 0; i < sampleCount; i++) {
    const j = nearestCentre(borderLab, i, centres, k);
    members[j].push(bgDistance(borderLab, i * 3, centres, j * 3));
    const x = sampled[i] % width;
    const y = (sampled[i] - x) / width;
    const sides = [y < ring, y >= height - ring, x < ring, x >= width - ring];
    for (let s = 0; s < 4; s++) {
      if (!sides[s]) continue;
      sideTotals[s]++;
      sideHits[j][s]++;
    }
  }
  const modes: { j: number; weight: number; sides: number; threshold: number }[] = [];
  for (let j = 0; j < k; j++) {
    const weight = members[j].length / sampleCount;
    if (weight < 0.1) continue; // a sliver of the border: a garment edge or a stray object, not backdrop
    const sorted = members[j].sort((a, b) => a - b);
    const p90 = sorted[Math.floor(0.9 * (sorted.length - 1))];
    let sides = 0;
    for (let s = 0; s < 4; s++) if (sideHits[j][s] >= 0.15 * sideTotals[s]) sides++;
    modes.push({ j, weight, sides, threshold: Math.min(MAX_THRESHOLD, Math.max(MIN_THRESHOLD, 1.5 * p90 + 6)) });
  }
  // Backdrop = the modes that surround the product (3+ sides); if none does, the most common border colour.
  modes.sort((p, q) => q.sides - p.sides || q.weight - p.weight);
  let active = modes.filter((m) => m.sides >= 3);
  if (active.length === 0) active = modes.slice(0, 1);

  // Try the full backdrop model first. If it gives an implausible mask (nearly everything removed, the
  // middle empty, or only specks left), the garment probably shares a surrounding mode (trousers touching
  // three sides) or is close to the backdrop colour: give each mode back to the foreground in turn
  // (least surrounding first), then retry with tighter tolerances, before the centre fallback.
  const attempts: (typeof active)[] = [active];
  for (let drop = active.length - 1; drop >= 0 && active.length > 1; drop--) attempts.push(active.filter((_, i) => i !== drop));
  let verdict: MaskVerdict | undefined;
  for (const scale of [1, 0.6]) {
    for (const modesToRemove of attempts) {
      verdict = judgeMask(floodBackground(img, centres, modesToRemove, scale, border), width, height, opt.minShare, opt.maxShare);
      if (verdict.plausible) return withCentreFallback(verdict, img, 'background');
    }
  }
  return withCentreFallback(verdict!, img, 'background');
}

const MIN_THRESHOLD = 8;
const MAX_THRESHOLD = 22;

function ringWidth(width: number, height: number): number {
  return Math.max(1, Math.round(Math.min(width, height) * 0.03));
}

/** Foreground mask: everything not reached by a 4-connected flood fill from border pixels near a mode. */
function floodBackground(
  img: WorkingImage,
  centres: Float32Array,
  modes: { j: number; threshold: number }[],
  scale: number,
  border: Int32Array,
): Uint8Array {
  const { width, height, lab, opaque } = img;
  const n = width * height;
  const candidate = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!opaque[i]) {
      candidate[i] = 1;
      continue;
    }
    for (const m of modes) {
      if (bgDistance(lab, i * 3, centres, m.j * 3) < m.threshold * scale) {
        candidate[i] = 1;
        break;
      }
    }
  }
  const background = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (const i of border) {
    if (candidate[i] && !background[i]) {
      background[i] = 1;
      queue[tail++] = i;
    }
  }
  while (head < tail) {
    const i = queue[head++];
    const x = i % width;
    // Inline neighbour visits: a closure per pixel costs more than the fill itself.
    for (let d = 0; d < 4; d++) {
      let j: number;
      if (d === 0) j = x > 0 ? i - 1 : -1;
      else if (d === 1) j = x < width - 1 ? i + 1 : -1;
      else if (d === 2) j = i >= width ? i - width : -1;
      else j = i < n - width ? i + width : -1;
      if (j >= 0 && candidate[j] && !background[j]) {
        background[j] = 1;
        queue[tail++] = j;
      }
    }
  }
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = background[i] ? 0 : 1;
  return mask;
}

/**
 * Foreground bounding box from the 1st..99th percentile of foreground columns and rows, so a few stray
 * pixels (noise, a shadow corner) do not stretch it. Width/height in source pixels.
 */
export function foregroundAspectRatio(img: WorkingImage, mask: Uint8Array): { aspectRatio: number; bboxArea: number } {
  const { width, height } = img;
  const cols = new Float64Array(width);
  const rows = new Float64Array(height);
  let total = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x]) {
        cols[x]++;
        rows[y]++;
        total++;
      }
    }
  }
  if (total === 0) return { aspectRatio: (width * img.scaleX) / (height * img.scaleY), bboxArea: width * height };
  const span = (hist: Float64Array): number => {
    const lo = 0.01 * total;
    const hi = 0.99 * total;
    let acc = 0;
    let first = 0;
    let last = hist.length - 1;
    let seenFirst = false;
    for (let i = 0; i < hist.length; i++) {
      acc += hist[i];
      if (!seenFirst && acc > lo) {
        first = i;
        seenFirst = true;
      }
      if (acc >= hi) {
        last = i;
        break;
      }
    }
    return last - first + 1;
  };
  const w = span(cols);
  const h = span(rows);
  return { aspectRatio: (w * img.scaleX) / (h * img.scaleY), bboxArea: w * h };
}
