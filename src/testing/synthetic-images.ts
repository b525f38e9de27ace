import type { RgbaImage } from '../features/contract';
import { createRng } from '../shared/random';

/** Synthetic RGBA images with known content, for attribute tests. Never imported by production code. */
export type Rgb = readonly [number, number, number];

export function solidImage(width: number, height: number, color: Rgb): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = color[0];
    data[i * 4 + 1] = color[1];
    data[i * 4 + 2] = color[2];
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

export function paint(img: RgbaImage, inside: (x: number, y: number) => boolean, color: Rgb): RgbaImage {
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (!inside(x, y)) continue;
      const o = (y * img.width + x) * 4;
      img.data[o] = color[0];
      img.data[o + 1] = color[1];
      img.data[o + 2] = color[2];
      img.data[o + 3] = 255;
    }
  }
  return img;
}

/** A T-shirt-like silhouette (body plus sleeves) of the given colour, centred; returns its pixel count too. */
export function garmentOnBackground(size: number, garment: Rgb, background: Rgb): { image: RgbaImage; area: number } {
  const image = solidImage(size, size, background);
  const inShirt = (x: number, y: number): boolean => {
    const u = x / size;
    const v = y / size;
    const body = u >= 0.3 && u < 0.7 && v >= 0.2 && v < 0.85;
    const sleeves = u >= 0.15 && u < 0.85 && v >= 0.2 && v < 0.4;
    return body || sleeves;
  };
  let area = 0;
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (inShirt(x, y)) area++;
  paint(image, inShirt, garment);
  return { image, area };
}

export function rectOnBackground(width: number, height: number, rect: { x0: number; y0: number; x1: number; y1: number }, color: Rgb, background: Rgb): RgbaImage {
  return paint(solidImage(width, height, background), (x, y) => x >= rect.x0 && x < rect.x1 && y >= rect.y0 && y < rect.y1, color);
}

/** Stripes of two colours, `period` pixels per pair, running vertically (columns) or horizontally (rows). */
export function stripes(size: number, period: number, direction: 'vertical' | 'horizontal', a: Rgb, b: Rgb): RgbaImage {
  const img = solidImage(size, size, a);
  return paint(img, (x, y) => Math.floor((direction === 'vertical' ? x : y) / (period / 2)) % 2 === 1, b);
}

export function checkerboard(size: number, cell: number, a: Rgb, b: Rgb): RgbaImage {
  return paint(solidImage(size, size, a), (x, y) => (Math.floor(x / cell) + Math.floor(y / cell)) % 2 === 1, b);
}

/** Uniform grey noise of the given amplitude around a mid grey, seeded. */
export function noiseImage(size: number, amplitude: number, seed: number): RgbaImage {
  const rng = createRng(seed);
  const img = solidImage(size, size, [128, 128, 128]);
  for (let i = 0; i < size * size; i++) {
    const v = Math.max(0, Math.min(255, Math.round(128 + (rng.next() * 2 - 1) * amplitude)));
    img.data.set([v, v, v, 255], i * 4);
  }
  return img;
}
