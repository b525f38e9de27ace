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

export function prepareImage(img: RgbaImage, maxSide: number): WorkingImage {
  validateImage(img);
  const { width: sw, height: sh, data } = img;
  const factor = Math.min(1, maxSide / Math.max(sw, sh));
  const width = Math.max(1, Math.round(sw * factor));
  const height = Math.max(1, Math.round(sh * factor));
  const n = width * height;
  // Area average: every source pixel lands in exactly one working pixel, so no pixel is skipped.
  const sums = new Float64Array(n * 4);
  const counts = new Uint32Array(n);
  const colOf = new Int32Array(sw);
  for (let x = 0; x < sw; x++) colOf[x] = Math.min(width - 1, Math.floor((x * width) / sw));
  for (let y = 0; y < sh; y++) {
    const row = Math.min(height - 1, Math.floor((y * height) / sh)) * width;
    for (let x = 0; x < sw; x++) {
      const t = row + colOf[x];
      const s = (y * sw + x) * 4;
      const alpha = data[s + 3];
      // Premultiply so transparent pixels do not bleed their (meaningless) colour into the average.
      sums[t * 4] += data[s] * alpha;
      sums[t * 4 + 1] += data[s + 1] * alpha;
      sums[t * 4 + 2] += data[s + 2] * alpha;
      sums[t * 4 + 3] += alpha;
      counts[t]++;
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
