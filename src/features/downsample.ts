import type { RgbaImage } from './contract';

/**
 * Integer box-filter downsampling (pure), applied before the bilinear resize to the model size so large
 * photos are averaged rather than aliased, identically in the browser and in Node. Reduces by
 * k = floor(min(width, height) / target) when k >= 2; otherwise returns the image unchanged.
 */
export function boxDownsample(img: RgbaImage, target: number): RgbaImage {
  const k = Math.floor(Math.min(img.width, img.height) / target);
  if (k < 2) return img;
  const w = Math.floor(img.width / k);
  const h = Math.floor(img.height / k);
  const out = new Uint8ClampedArray(w * h * 4);
  const src = img.data;
  const area = k * k;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let dy = 0; dy < k; dy++) {
        let p = ((y * k + dy) * img.width + x * k) * 4;
        for (let dx = 0; dx < k; dx++, p += 4) {
          r += src[p]!;
          g += src[p + 1]!;
          b += src[p + 2]!;
          a += src[p + 3]!;
        }
      }
      const o = (y * w + x) * 4;
      out[o] = r / area;
      out[o + 1] = g / area;
      out[o + 2] = b / area;
      out[o + 3] = a / area;
    }
  }
  return { data: out, width: w, height: h };
}
