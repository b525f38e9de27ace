import { describe, expect, it } from 'vitest';
import { areaResizeRgb } from './downsample';

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return { data, width, height };
}
const at = (out: Float32Array, size: number, x: number, y: number) => Array.from(out.subarray((y * size + x) * 3, (y * size + x) * 3 + 3));

describe('areaResizeRgb', () => {
  it('is the identity at the target size', () => {
    const img = image(4, 4, (x, y) => [x * 10, y * 10, x + y, 255]);
    const out = areaResizeRgb(img, 4);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) expect(at(out, 4, x, y)).toEqual([x * 10, y * 10, x + y]);
  });

  it('averages the covered area, including fractional overlaps, so a fine stripe pattern becomes flat grey', () => {
    const stripes = image(8, 8, (x) => (x % 2 ? [255, 255, 255, 255] : [0, 0, 0, 255]));
    const out = areaResizeRgb(stripes, 2);
    for (const v of out) expect(v).toBeCloseTo(127.5, 3);
    // 3 source pixels onto 2: the middle one is split half/half.
    const ramp = image(3, 1, (x) => [x * 90, 0, 0, 255]);
    const squashed = areaResizeRgb({ ...ramp, height: 1 }, 2);
    expect(squashed[0]).toBeCloseTo((0 + 0.5 * 90) / 1.5, 3);
    expect(squashed[3]).toBeCloseTo((0.5 * 90 + 180) / 1.5, 3);
  });

  it('composites transparency over white', () => {
    const out = areaResizeRgb(image(2, 2, () => [0, 0, 0, 0]), 1);
    expect(Array.from(out)).toEqual([255, 255, 255]);
  });

  it('center-crop keeps the centred square; letterbox pads the short side with white', () => {
    // 4 wide, 2 tall: left column red, right column blue, middle green.
    const img = image(4, 2, (x) => (x === 0 ? [255, 0, 0, 255] : x === 3 ? [0, 0, 255, 255] : [0, 255, 0, 255]));
    expect(Array.from(areaResizeRgb(img, 2, 'center-crop'))).toEqual([0, 255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 0]);
    const boxed = areaResizeRgb(img, 4, 'letterbox');
    expect(at(boxed, 4, 0, 0)).toEqual([255, 255, 255]);
    expect(at(boxed, 4, 0, 1)).toEqual([255, 0, 0]);
    expect(at(boxed, 4, 3, 2)).toEqual([0, 0, 255]);
    expect(at(boxed, 4, 1, 3)).toEqual([255, 255, 255]);
  });

  it('center-crop reads only the rows of the crop, and a translucent pixel changes only its own cell', () => {
    // 2 wide, 6 tall: the crop is rows 2-3; rows outside it are never read, whatever they hold.
    const photo = (top: [number, number, number, number], inside: [number, number, number, number]) =>
      image(2, 6, (x, y) => (y < 2 ? top : y === 2 && x === 0 ? inside : [10 * x, 20 * y, 30, 255]));
    const plain = areaResizeRgb(photo([0, 0, 0, 255], [0, 40, 30, 255]), 2, 'center-crop');
    expect(Array.from(plain)).toEqual([0, 40, 30, 10, 40, 30, 0, 60, 30, 10, 60, 30]);
    expect(areaResizeRgb(photo([9, 9, 9, 0], [0, 40, 30, 255]), 2, 'center-crop')).toEqual(plain);
    // Black at alpha 128 over white: 255 * (1 - 128 / 255) = 127 in every channel of that cell only.
    const mixed = areaResizeRgb(photo([0, 0, 0, 255], [0, 0, 0, 128]), 2, 'center-crop');
    expect(at(mixed, 2, 0, 0).map((v) => Math.round(v))).toEqual([127, 127, 127]);
    expect(Array.from(mixed.subarray(3))).toEqual(Array.from(plain.subarray(3)));
  });

  it('gives the same result whatever it resized before (its row buffer is reused between calls, up to a size)', () => {
    const noise = (w: number, h: number, seed: number) =>
      image(w, h, (x, y) => [(x * 37 + y * 11 + seed) % 256, (x * 5 + y * 91) % 256, (x * y + seed) % 256, 255]);
    const small = noise(300, 240, 1);
    const big = noise(900, 700, 2);
    const first = areaResizeRgb(small, 224, 'center-crop');
    areaResizeRgb(big, 224, 'squash');
    expect(areaResizeRgb(small, 224, 'center-crop')).toEqual(first);
    // Rows above the kept size get their own buffer; the kept one still serves the next photo.
    const huge = noise(1600, 1600, 3);
    const hugeOut = areaResizeRgb(huge, 224, 'squash');
    expect(areaResizeRgb(small, 224, 'center-crop')).toEqual(first);
    expect(areaResizeRgb(huge, 224, 'squash')).toEqual(hugeOut);
  });
});
