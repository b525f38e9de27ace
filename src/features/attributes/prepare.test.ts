import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../contract';
import { prepareImage } from './prepare';

/** Random RGBA with every alpha from 0 to 255, so premultiplication and the opacity flag are exercised. */
function randomImage(width: number, height: number, seed: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  let x = seed;
  for (let i = 0; i < data.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data[i] = x >>> 24;
  }
  return { data, width, height };
}

/** The working image's definition, one source pixel at a time: premultiplied area average per cell. */
function reference(img: RgbaImage, maxSide: number) {
  const factor = Math.min(1, maxSide / Math.max(img.width, img.height));
  const width = Math.max(1, Math.round(img.width * factor));
  const height = Math.max(1, Math.round(img.height * factor));
  const sums = new Float64Array(width * height * 4);
  const counts = new Uint32Array(width * height);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const t = Math.floor((y * height) / img.height) * width + Math.floor((x * width) / img.width);
      const s = (y * img.width + x) * 4;
      const a = img.data[s + 3]!;
      for (let c = 0; c < 3; c++) sums[t * 4 + c]! += img.data[s + c]! * a;
      sums[t * 4 + 3]! += a;
      counts[t]!++;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  const opaque = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const a = sums[i * 4 + 3]!;
    if (a > 0) for (let c = 0; c < 3; c++) rgb[i * 3 + c] = Math.round(sums[i * 4 + c]! / a);
    opaque[i] = a / counts[i]! >= 128 ? 1 : 0;
  }
  return { width, height, rgb, opaque };
}

describe('prepareImage', () => {
  it.each([
    [533, 400],
    [400, 533],
    [129, 17],
    [128, 128],
    [50, 70],
    [1001, 999],
  ])('is the exact premultiplied area average of a %ix%i image', (w, h) => {
    const img = randomImage(w, h, w * 31 + h);
    const got = prepareImage(img, 128);
    const want = reference(img, 128);
    expect([got.width, got.height]).toEqual([want.width, want.height]);
    expect(got.rgb).toEqual(want.rgb);
    expect(got.opaque).toEqual(want.opaque);
  });
});
