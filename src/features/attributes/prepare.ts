import type { RgbaImage } from '../contract';
import { rgbToLabInto } from './color-space';
import { AttributeInputError } from './errors';

/**
 * The image every attribute is computed on: box-downsampled so the long side is at most `maxSide`
 * (speed, and texture/shape statistics at a comparable scale whatever the source resolution), with
 * sRGB bytes, Lab and an opacity flag per pixel.
 */
export interface WorkingImage {
  width: number;
  height: number;
  /** Rounded sRGB bytes, 3 per pixel. */
  rgb: Uint8Array;
  /** L*, a*, b*, 3 per pixel. */
  lab: Float32Array;
  /** 1 where alpha >= 128 (transparent pixels are background by definition). */
  opaque: Uint8Array;
  /** Source pixels per working pixel along each axis (to report the aspect ratio in source units). */
  scaleX: number;
  scaleY: number;
}

export function validateImage(img: RgbaImage): void {
  const { width, height, data } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new AttributeInputError(`image size must be whole non-negative numbers, got ${width}x${height}`, 'bad-dimensions');
  }
  if (width === 0 || height === 0) {
    throw new AttributeInputError(`image is empty (${width}x${height})`, 'empty-image');
  }
  if (!data || data.length !== width * height * 4) {
    throw new AttributeInputError(
      `RGBA buffer has ${data?.length ?? 0} bytes, expected ${width * height * 4} for ${width}x${height}`,
      'bad-buffer',
    );
  }
}

/**
 * The sums behind the working image, kept between calls (cleared before use): new memory costs page faults
 * (2.8 ms per MB in Chromium here), and a photo needs ~0.4 MB of them. Calls are synchronous, so sharing is safe.
 */
let sumsScratch = new Float64Array(0);
let countsScratch = new Uint32Array(0);

export function prepareImage(img: RgbaImage, maxSide: number): WorkingImage {
  validateImage(img);
  const { width: sw, height: sh, data } = img;
  const factor = Math.min(1, maxSide / Math.max(sw, sh));
  const width = Math.max(1, Math.round(sw * factor));
  const height = Math.max(1, Math.round(sh * factor));
  const n = width * height;
  // Area average: every source pixel lands in exactly one working pixel, so no pixel is skipped.
  if (sumsScratch.length < n * 4) sumsScratch = new Float64Array(n * 4);
  if (countsScratch.length < n) countsScratch = new Uint32Array(n);
  const sums = sumsScratch.fill(0, 0, n * 4);
  const counts = countsScratch.fill(0, 0, n);
  // Working column c covers source columns [colStart[c], colStart[c + 1]) (floor(x * width / sw) only grows).
  const colStart = new Int32Array(width + 1);
  for (let x = sw - 1; x >= 0; x--) colStart[Math.min(width - 1, Math.floor((x * width) / sw))] = x;
  colStart[width] = sw;
  for (let y = 0; y < sh; y++) {
    const row = Math.min(height - 1, Math.floor((y * height) / sh)) * width;
    let s = y * sw * 4;
    for (let c = 0; c < width; c++) {
      // A run of source pixels summed in locals, then added once: the sums are whole numbers far below 2^53,
      // so the grouping cannot change them (the same bits as adding pixel by pixel).
      let r = 0, g = 0, b = 0, a = 0;
      const end = colStart[c + 1]!;
      for (let x = colStart[c]!; x < end; x++, s += 4) {
        const alpha = data[s + 3]!;
        // Premultiply so transparent pixels do not bleed their (meaningless) colour into the average.
        r += data[s]! * alpha;
        g += data[s + 1]! * alpha;
        b += data[s + 2]! * alpha;
        a += alpha;
      }
      const t = row + c;
      sums[t * 4] += r;
      sums[t * 4 + 1] += g;
      sums[t * 4 + 2] += b;
      sums[t * 4 + 3] += a;
      counts[t] += end - colStart[c]!;
    }
  }
  const rgb = new Uint8Array(n * 3);
  const lab = new Float32Array(n * 3);
  const opaque = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const alphaSum = sums[i * 4 + 3];
    if (alphaSum > 0) {
      rgb[i * 3] = Math.round(sums[i * 4] / alphaSum);
      rgb[i * 3 + 1] = Math.round(sums[i * 4 + 1] / alphaSum);
      rgb[i * 3 + 2] = Math.round(sums[i * 4 + 2] / alphaSum);
    }
    opaque[i] = alphaSum / counts[i] >= 128 ? 1 : 0;
    rgbToLabInto(rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2], lab, i * 3);
  }
  return { width, height, rgb, lab, opaque, scaleX: sw / width, scaleY: sh / height };
}
