import type { RgbaImage } from '../../features/contract';

/**
 * Interim visual feature for the widget engine until the shared extractor lands on main: a foreground
 * colour histogram (4x4x4 RGB bins, background estimated from the image border), Hellinger-mapped and
 * L2-normalised, plus the dominant colour's name for explanations.
 */
export const COLOUR_SIGNATURE = { id: 'glimpse-widget-colour-hist', version: 1, dims: 64 } as const;

const PALETTE: ReadonlyArray<readonly [string, number, number, number]> = [
  ['red', 200, 30, 40], ['orange', 240, 140, 30], ['yellow', 240, 220, 50], ['green', 40, 160, 60],
  ['teal', 30, 150, 150], ['blue', 40, 80, 210], ['navy', 20, 30, 90], ['purple', 130, 50, 170],
  ['pink', 240, 130, 180], ['brown', 120, 70, 30], ['beige', 220, 200, 160], ['black', 20, 20, 20],
  ['grey', 128, 128, 128], ['white', 245, 245, 245],
];

export function nameColour(r: number, g: number, b: number): string {
  let best = PALETTE[0][0];
  let bestD = Infinity;
  for (const [name, pr, pg, pb] of PALETTE) {
    const d = (r - pr) ** 2 + (g - pg) ** 2 + (b - pb) ** 2;
    if (d < bestD) { bestD = d; best = name; }
  }
  return best;
}

export interface ColourSignature {
  vector: Float32Array;
  dominant: string;
}

export function colourSignature(img: RgbaImage): ColourSignature {
  const { data, width, height } = img;
  // Background = mean colour of the one-pixel border.
  let br = 0, bg = 0, bb = 0, bn = 0;
  const addBorder = (x: number, y: number) => {
    const o = (y * width + x) * 4;
    br += data[o]; bg += data[o + 1]; bb += data[o + 2]; bn++;
  };
  for (let x = 0; x < width; x++) { addBorder(x, 0); addBorder(x, height - 1); }
  for (let y = 1; y < height - 1; y++) { addBorder(0, y); addBorder(width - 1, y); }
  br /= bn; bg /= bn; bb /= bn;

  const hist = new Float32Array(COLOUR_SIGNATURE.dims);
  const sums = new Float64Array(COLOUR_SIGNATURE.dims * 3);
  let fg = 0;
  for (let o = 0; o < data.length; o += 4) {
    if (data[o + 3] < 128) continue;
    const r = data[o], g = data[o + 1], b = data[o + 2];
    if ((r - br) ** 2 + (g - bg) ** 2 + (b - bb) ** 2 < 40 * 40) continue;
    const bin = (r >> 6) * 16 + (g >> 6) * 4 + (b >> 6);
    hist[bin]++;
    sums[bin * 3] += r; sums[bin * 3 + 1] += g; sums[bin * 3 + 2] += b;
    fg++;
  }
  if (fg === 0) {
    // No foreground found (flat image): describe the whole picture by its background colour.
    const bin = (Math.round(br) >> 6) * 16 + (Math.round(bg) >> 6) * 4 + (Math.round(bb) >> 6);
    hist[bin] = 1;
    sums[bin * 3] = br; sums[bin * 3 + 1] = bg; sums[bin * 3 + 2] = bb;
  }
  let top = 0;
  for (let i = 1; i < hist.length; i++) if (hist[i] > hist[top]) top = i;
  const n = hist[top] || 1;
  const dominant = nameColour(sums[top * 3] / n, sums[top * 3 + 1] / n, sums[top * 3 + 2] / n);
  let norm = 0;
  for (let i = 0; i < hist.length; i++) { hist[i] = Math.sqrt(hist[i]); norm += hist[i] * hist[i]; }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < hist.length; i++) hist[i] /= norm;
  return { vector: hist, dominant };
}
