import type { Gradients } from './gradients';
import type { WorkingImage } from './prepare';

/**
 * Texture descriptor layout (TEXTURE_LENGTH = 14), computed on the foreground interior (foreground pixels
 * whose 4 neighbours are foreground too, so the garment's outline is not mistaken for texture):
 * - 0..9: rotation-invariant uniform LBP histogram (Ojala et al. 2002, P = 8, R = 1; bins 0..8 = number of
 *   "brighter" neighbours of a uniform pattern, bin 9 = all non-uniform patterns), sums to 1. A neighbour
 *   counts as brighter when it is >= centre - 2 L*, so flat areas with JPEG noise read as flat (bin 8).
 * - 10: gradient energy, mean |grad L*| squashed to 0..1 as m / (m + 4).
 * - 11: strong-edge density, share of pixels with |grad L*| > 8.
 * - 12: weak-edge density, share with |grad L*| > 2.
 * - 13: orientation coherence of the structure tensor, 0 (isotropic: noise, knit) .. 1 (one direction: stripes).
 */
export const LBP_BINS = 10;
export const TEXTURE_LENGTH = LBP_BINS + 4;
export const TEXTURE_INDEX = { energy: 10, strongEdges: 11, weakEdges: 12, coherence: 13 } as const;

const LBP_TOLERANCE = 2;
const DX = [-1, 0, 1, 1, 1, 0, -1, -1];
const DY = [-1, -1, -1, 0, 1, 1, 1, 0];

/** Maps an 8-bit LBP code to its riu2 bin, precomputed. */
const RIU2 = new Uint8Array(256);
for (let code = 0; code < 256; code++) {
  let transitions = 0;
  let ones = 0;
  for (let p = 0; p < 8; p++) {
    const bit = (code >> p) & 1;
    ones += bit;
    if (bit !== ((code >> ((p + 1) % 8)) & 1)) transitions++;
  }
  RIU2[code] = transitions <= 2 ? ones : 9;
}

/** Foreground pixels away from the image border and the mask outline; all foreground if that is empty. */
export function interiorPixels(img: WorkingImage, mask: Uint8Array): number[] {
  const { width: w, height: h } = img;
  const inner: number[] = [];
  const any: number[] = [];
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (!mask[i]) continue;
      any.push(i);
      if (mask[i - 1] && mask[i + 1] && mask[i - w] && mask[i + w]) inner.push(i);
    }
  }
  return inner.length > 0 ? inner : any;
}

export function textureDescriptor(img: WorkingImage, mask: Uint8Array, grad: Gradients): Float32Array {
  const out = new Float32Array(TEXTURE_LENGTH);
  const pixels = interiorPixels(img, mask);
  if (pixels.length === 0) {
    out[8] = 1; // too small to have texture: call it flat
    return out;
  }
  const { width: w, lab } = img;
  let magSum = 0;
  let strong = 0;
  let weak = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const i of pixels) {
    const c = lab[i * 3] - LBP_TOLERANCE;
    let code = 0;
    for (let p = 0; p < 8; p++) {
      if (lab[(i + DY[p] * w + DX[p]) * 3] >= c) code |= 1 << p;
    }
    out[RIU2[code]]++;
    const m = grad.magnitude[i];
    magSum += m;
    if (m > 8) strong++;
    if (m > 2) weak++;
    const gx = grad.gx[i];
    const gy = grad.gy[i];
    sxx += gx * gx;
    syy += gy * gy;
    sxy += gx * gy;
  }
  const n = pixels.length;
  for (let b = 0; b < LBP_BINS; b++) out[b] /= n;
  const mean = magSum / n;
  out[TEXTURE_INDEX.energy] = mean / (mean + 4);
  out[TEXTURE_INDEX.strongEdges] = strong / n;
  out[TEXTURE_INDEX.weakEdges] = weak / n;
  const trace = sxx + syy;
  out[TEXTURE_INDEX.coherence] = trace > 1e-6 ? Math.sqrt((sxx - syy) ** 2 + 4 * sxy * sxy) / trace : 0;
  return out;
}
