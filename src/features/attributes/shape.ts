import type { Gradients } from './gradients';
import type { WorkingImage } from './prepare';

/**
 * Shape descriptor layout (SHAPE_LENGTH = 14):
 * - 0..11: edge-orientation histogram. Bin b is centred on an EDGE direction of b * 15 degrees, measured in
 *   image coordinates (x right, y down, so 45 = a "\" diagonal, 135 = "/"; 0 =
 *   horizontal edge, 6 = 90 degrees = vertical edge), undirected (0..180), magnitude-weighted, split
 *   linearly between the two nearest bins, over foreground pixels and their 1-pixel outline (so the
 *   silhouette counts), ignoring magnitudes <= 1 L* per pixel (JPEG noise). Sums to 1; all zeros if no edges.
 * - 12: aspect ratio squashed to 0..1 as r / (1 + r) (0.5 = square, > 0.5 wide).
 * - 13: extent, foreground pixels / bounding-box area (1 for a rectangle, ~0.785 for an ellipse).
 */
export const ORIENTATION_BINS = 12;
export const SHAPE_LENGTH = ORIENTATION_BINS + 2;
export const SHAPE_INDEX = { aspect: 12, extent: 13 } as const;

/** The bin whose centre is nearest to an edge direction in degrees (for tests and explanations). */
export function orientationBin(edgeDegrees: number): number {
  const d = ((edgeDegrees % 180) + 180) % 180;
  return Math.round(d / (180 / ORIENTATION_BINS)) % ORIENTATION_BINS;
}

export function shapeDescriptor(
  img: WorkingImage,
  mask: Uint8Array,
  grad: Gradients,
  aspectRatio: number,
  bboxArea: number,
): Float32Array {
  const out = new Float32Array(SHAPE_LENGTH);
  const { width: w, height: h } = img;
  const binWidth = Math.PI / ORIENTATION_BINS;
  let total = 0;
  let fgCount = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (mask[i]) fgCount++;
      const near =
        mask[i] || (x > 0 && mask[i - 1]) || (x < w - 1 && mask[i + 1]) || (y > 0 && mask[i - w]) || (y < h - 1 && mask[i + w]);
      const m = grad.magnitude[i];
      if (!near || m <= 1) continue;
      // The edge runs perpendicular to the gradient.
      let edge = Math.atan2(grad.gy[i], grad.gx[i]) + Math.PI / 2;
      edge = ((edge % Math.PI) + Math.PI) % Math.PI;
      const pos = edge / binWidth;
      const lo = Math.floor(pos);
      const frac = pos - lo;
      // Bins are centred on multiples of binWidth, so position pos lies between bins lo and lo + 1.
      out[lo % ORIENTATION_BINS] += m * (1 - frac);
      out[(lo + 1) % ORIENTATION_BINS] += m * frac;
      total += m;
    }
  }
  if (total > 0) for (let b = 0; b < ORIENTATION_BINS; b++) out[b] /= total;
  out[SHAPE_INDEX.aspect] = aspectRatio / (1 + aspectRatio);
  out[SHAPE_INDEX.extent] = Math.min(1, fgCount / Math.max(1, bboxArea));
  return out;
}
