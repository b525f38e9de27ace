/**
 * Plausibility checks and clean-up for a foreground mask (1 = foreground), shared by the backdrop model
 * and its fallbacks. A product photo's foreground is a sizeable, mostly connected blob in the middle.
 */

/** Share of the central ellipse (radii 20% of the frame) that must be foreground for the mask to count. */
export const MIN_CENTRE_COVERAGE = 0.2;
/** The largest connected part must hold this share of the foreground (a pair of shoes is two ~0.45 parts). */
export const MIN_LARGEST_PART = 0.3;
/** Connected parts smaller than this share of the foreground are specks (floor grain, lint): dropped. */
export const SPECK_SHARE = 0.02;

export function maskShare(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  return n / mask.length;
}

/** The fallback: an ellipse over the central ~50% of the frame, where product photos put the product. */
export function centreMask(width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  const rx = 0.4 * width;
  const ry = 0.4 * height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = (x + 0.5 - width / 2) / rx;
      const dy = (y + 0.5 - height / 2) / ry;
      if (dx * dx + dy * dy <= 1) mask[y * width + x] = 1;
    }
  }
  return mask;
}

/**
 * Share of the central ellipse that is foreground. If the middle came out as background, the "backdrop"
 * removed was most likely the garment itself (a close-up filling the frame) or swallowed a similar colour.
 */
export function centreCoverage(mask: Uint8Array, width: number, height: number): number {
  let inside = 0;
  let fg = 0;
  for (let y = 0; y < height; y++) {
    const dy = (y + 0.5 - height / 2) / (0.2 * height);
    if (dy * dy > 1) continue;
    for (let x = 0; x < width; x++) {
      const dx = (x + 0.5 - width / 2) / (0.2 * width);
      if (dx * dx + dy * dy > 1) continue;
      inside++;
      fg += mask[y * width + x];
    }
  }
  return inside > 0 ? fg / inside : 1;
}

/** 4-connected foreground parts: a label per pixel (-1 = background) and the size of each part. */
export function connectedParts(mask: Uint8Array, width: number, height: number): { labels: Int32Array; sizes: number[] } {
  const n = width * height;
  const labels = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  const queue = new Int32Array(n);
  for (let seed = 0; seed < n; seed++) {
    if (!mask[seed] || labels[seed] >= 0) continue;
    const label = sizes.length;
    let head = 0;
    let tail = 0;
    labels[seed] = label;
    queue[tail++] = seed;
    while (head < tail) {
      const i = queue[head++];
      const x = i % width;
      for (let d = 0; d < 4; d++) {
        let j: number;
        if (d === 0) j = x > 0 ? i - 1 : -1;
        else if (d === 1) j = x < width - 1 ? i + 1 : -1;
        else if (d === 2) j = i >= width ? i - width : -1;
        else j = i < n - width ? i + width : -1;
        if (j >= 0 && mask[j] && labels[j] < 0) {
          labels[j] = label;
          queue[tail++] = j;
        }
      }
    }
    sizes.push(tail);
  }
  return { labels, sizes };
}

export interface MaskVerdict {
  /** The mask without specks. */
  mask: Uint8Array;
  share: number;
  plausible: boolean;
}

/** Drops specks, then judges the mask: share in range, centre covered, one or two dominant parts. */
export function judgeMask(mask: Uint8Array, width: number, height: number, minShare: number, maxShare: number): MaskVerdict {
  const { labels, sizes } = connectedParts(mask, width, height);
  const total = sizes.reduce((s, v) => s + v, 0);
  const cleaned = new Uint8Array(mask.length);
  let kept = 0;
  let largest = 0;
  for (const size of sizes) largest = Math.max(largest, size);
  for (let i = 0; i < mask.length; i++) {
    const label = labels[i];
    if (label >= 0 && sizes[label] >= SPECK_SHARE * total) {
      cleaned[i] = 1;
      kept++;
    }
  }
  const share = kept / mask.length;
  const plausible =
    total > 0 &&
    share >= minShare &&
    share <= maxShare &&
    largest >= MIN_LARGEST_PART * total &&
    centreCoverage(cleaned, width, height) >= MIN_CENTRE_COVERAGE;
  return { mask: cleaned, share, plausible };
}
