import { describe, expect, it } from 'vitest';
import {
  checkerboard,
  garmentOnBackground,
  noiseImage,
  rectOnBackground,
  solidImage,
  stripes,
} from '../../testing/synthetic-images';
import { analyzeAttributes, computeAttributes } from './compute';
import { AttributeInputError } from './errors';
import { COLOR_HISTOGRAM_LENGTH } from './histogram';
import { ORIENTATION_BINS, SHAPE_INDEX, SHAPE_LENGTH, orientationBin } from './shape';
import { TEXTURE_INDEX, TEXTURE_LENGTH } from './texture';

const WHITE = [250, 250, 250] as const;
const RED = [200, 20, 30] as const;
const NAVY = [27, 42, 78] as const;
const BLACK = [18, 18, 18] as const;

const sum = (v: Float32Array) => v.reduce((s, x) => s + x, 0);
const argmax = (v: Float32Array, n: number) => {
  let best = 0;
  for (let i = 1; i < n; i++) if (v[i] > v[best]) best = i;
  return best;
};

describe('computeAttributes: foreground and dominant colours', () => {
  it('finds a red garment on white, excludes the background, and measures its area', () => {
    const { image, area } = garmentOnBackground(160, RED, WHITE);
    const a = computeAttributes(image);
    expect(a.colors[0].name).toBe('red');
    expect(a.colors[0].weight).toBeGreaterThan(0.9);
    const white = a.colors.find((c) => c.name === 'white');
    expect(white?.weight ?? 0).toBeLessThan(0.05);
    expect(a.foreground).toBeCloseTo(area / (160 * 160), 1);
    expect(Math.abs(a.foreground - area / (160 * 160))).toBeLessThan(0.03);
  });

  it('keeps a white print inside a red shirt as foreground (flood fill from the border, not a global cut)', () => {
    const { image, area } = garmentOnBackground(160, RED, WHITE);
    // A white logo in the middle of the chest.
    for (let y = 80; y < 100; y++) for (let x = 70; x < 90; x++) image.data.set([250, 250, 250, 255], (y * 160 + x) * 4);
    const a = computeAttributes(image);
    expect(a.foreground).toBeGreaterThan((area / (160 * 160)) * 0.97);
    const white = a.colors.find((c) => c.name === 'white');
    expect(white?.weight).toBeGreaterThan(0.03);
    expect(a.colors[0].name).toBe('red');
  });

  it('tells navy from black', () => {
    const navy = computeAttributes(garmentOnBackground(120, NAVY, WHITE).image);
    const black = computeAttributes(garmentOnBackground(120, BLACK, WHITE).image);
    expect(navy.colors[0].name).toBe('navy');
    expect(black.colors[0].name).toBe('black');
  });

  it('reports both colours of a two-colour garment with about the right weights', () => {
    // 100x120 blue/yellow block (70% blue on top, 30% yellow below) on a light grey backdrop.
    const img = rectOnBackground(160, 160, { x0: 30, y0: 20, x1: 130, y1: 140 }, [30, 90, 200], [235, 235, 235]);
    for (let y = 104; y < 140; y++) for (let x = 30; x < 130; x++) img.data.set([245, 205, 0, 255], (y * 160 + x) * 4);
    const a = computeAttributes(img);
    const blue = a.colors.find((c) => c.name === 'blue');
    const yellow = a.colors.find((c) => c.name === 'yellow');
    expect(blue?.weight).toBeCloseTo(0.7, 1);
    expect(yellow?.weight).toBeCloseTo(0.3, 1);
    expect(a.colors[0].name).toBe('blue');
    expect(a.colors.map((c) => c.name)).not.toContain('grey');
  });

  it('keeps a garment that touches three sides of the frame (trousers cut off at top and bottom)', () => {
    const img = rectOnBackground(160, 160, { x0: 0, y0: 0, x1: 72, y1: 160 }, [110, 60, 160], WHITE);
    const a = analyzeAttributes(img);
    expect(a.maskSource).toBe('background');
    expect(a.attributes.foreground).toBeCloseTo(72 / 160, 1);
    expect(a.attributes.colors[0].name).toBe('purple');
    expect(a.attributes.colors.find((c) => c.name === 'white')).toBeUndefined();
  });

  it('falls back to the centre when the image is one colour, and names that colour', () => {
    const a = analyzeAttributes(solidImage(50, 40, RED));
    expect(a.maskSource).toBe('centre');
    expect(a.attributes.foreground).toBeGreaterThan(0.4);
    expect(a.attributes.foreground).toBeLessThan(0.6);
    expect(a.attributes.colors).toHaveLength(1);
    expect(a.attributes.colors[0]).toMatchObject({ name: 'red', weight: 1 });
  });

  it('uses transparency as the mask for cut-out images', () => {
    const img = solidImage(100, 100, [0, 0, 0]);
    for (let i = 0; i < 100 * 100; i++) img.data[i * 4 + 3] = 0;
    for (let y = 20; y < 80; y++) for (let x = 40; x < 60; x++) img.data.set([30, 140, 60, 255], (y * 100 + x) * 4);
    const a = analyzeAttributes(img);
    expect(a.maskSource).toBe('alpha');
    expect(a.attributes.foreground).toBeCloseTo(0.12, 2);
    expect(a.attributes.colors[0].name).toBe('green');
    expect(a.attributes.aspectRatio).toBeCloseTo(20 / 60, 1);
  });
});

describe('computeAttributes: shape', () => {
  it('gives aspect ratio > 1 for a wide blob and < 1 for a tall one, in source pixels', () => {
    const wide = computeAttributes(rectOnBackground(200, 200, { x0: 20, y0: 70, x1: 180, y1: 130 }, RED, WHITE));
    const tall = computeAttributes(rectOnBackground(200, 200, { x0: 70, y0: 20, x1: 130, y1: 180 }, RED, WHITE));
    expect(wide.aspectRatio).toBeCloseTo(160 / 60, 0);
    expect(tall.aspectRatio).toBeCloseTo(60 / 160, 1);
    expect(wide.shape[SHAPE_INDEX.aspect]).toBeGreaterThan(0.5);
    expect(tall.shape[SHAPE_INDEX.aspect]).toBeLessThan(0.5);
    expect(wide.shape[SHAPE_INDEX.extent]).toBeGreaterThan(0.9);
  });

  it('peaks the edge-orientation histogram at vertical edges for vertical stripes and horizontal for horizontal', () => {
    const v = computeAttributes(stripes(128, 16, 'vertical', [20, 20, 20], [230, 230, 230]));
    const h = computeAttributes(stripes(128, 16, 'horizontal', [20, 20, 20], [230, 230, 230]));
    expect(argmax(v.shape, ORIENTATION_BINS)).toBe(orientationBin(90));
    expect(argmax(h.shape, ORIENTATION_BINS)).toBe(orientationBin(0));
    expect(v.shape[orientationBin(90)]).toBeGreaterThan(0.8);
    expect(h.shape[orientationBin(0)]).toBeGreaterThan(0.8);
    expect(v.texture[TEXTURE_INDEX.coherence]).toBeGreaterThan(0.9);
  });

  it('puts a "\\" diagonal edge in the 45 degree bin (angles in image coordinates, y down)', () => {
    // Lower-left triangle dark, upper-right light: the edge runs along x = y.
    const img = solidImage(100, 100, [230, 230, 230]);
    for (let y = 0; y < 100; y++) for (let x = 0; x < 100; x++) if (x < y) img.data.set([20, 20, 20, 255], (y * 100 + x) * 4);
    const a = computeAttributes(img);
    expect(argmax(a.shape, ORIENTATION_BINS)).toBe(orientationBin(45));
    expect(orientationBin(45)).toBe(3);
  });
});

describe('computeAttributes: texture', () => {
  it('orders gradient energy flat < noisy and flat < checkered', () => {
    const flat = computeAttributes(solidImage(96, 96, [120, 120, 120]));
    const noisy = computeAttributes(noiseImage(96, 60, 3));
    const checks = computeAttributes(checkerboard(96, 4, [20, 20, 20], [230, 230, 230]));
    expect(flat.texture[TEXTURE_INDEX.energy]).toBe(0);
    expect(noisy.texture[TEXTURE_INDEX.energy]).toBeGreaterThan(0.5);
    expect(checks.texture[TEXTURE_INDEX.energy]).toBeGreaterThan(0.5);
    expect(noisy.texture[TEXTURE_INDEX.weakEdges]).toBeGreaterThan(flat.texture[TEXTURE_INDEX.weakEdges]);
    // Flat: every pixel is a uniform "all neighbours as bright" LBP pattern (bin 8).
    expect(flat.texture[8]).toBe(1);
    expect(noisy.texture[8]).toBeLessThan(0.5);
    // Noise has no preferred direction; stripes have one.
    expect(noisy.texture[TEXTURE_INDEX.coherence]).toBeLessThan(0.3);
  });
});

describe('computeAttributes: contract and determinism', () => {
  it('has fixed-length, normalised, finite descriptors', () => {
    const a = computeAttributes(garmentOnBackground(150, [40, 120, 60], [240, 238, 230]).image);
    expect(a.colorHistogram).toHaveLength(COLOR_HISTOGRAM_LENGTH);
    expect(a.texture).toHaveLength(TEXTURE_LENGTH);
    expect(a.shape).toHaveLength(SHAPE_LENGTH);
    expect(sum(a.colorHistogram)).toBeCloseTo(1, 5);
    expect(sum(a.texture.subarray(0, 10))).toBeCloseTo(1, 5);
    expect(sum(a.shape.subarray(0, ORIENTATION_BINS))).toBeCloseTo(1, 5);
    for (const v of [...a.colorHistogram, ...a.texture, ...a.shape]) expect(Number.isFinite(v)).toBe(true);
    expect(a.colors.reduce((s, c) => s + c.weight, 0)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('returns the same output for the same input', () => {
    const img = noiseImage(120, 90, 11);
    paint3(img);
    const a = computeAttributes(img);
    const b = computeAttributes(img);
    expect(b).toEqual(a);
  });

  it('downsamples large inputs without changing the answer much', () => {
    const small = computeAttributes(garmentOnBackground(160, RED, WHITE).image);
    const large = computeAttributes(garmentOnBackground(640, RED, WHITE).image);
    expect(large.colors[0].name).toBe('red');
    expect(Math.abs(large.foreground - small.foreground)).toBeLessThan(0.02);
    expect(Math.abs(large.aspectRatio - small.aspectRatio)).toBeLessThan(0.05);
  });

  it('handles a 1x1 image', () => {
    const a = computeAttributes(solidImage(1, 1, NAVY));
    expect(a.colors[0].name).toBe('navy');
    expect(a.foreground).toBe(1);
    expect(a.aspectRatio).toBe(1);
    expect(sum(a.colorHistogram)).toBeCloseTo(1, 5);
  });

  it('rejects empty and malformed images with a typed error', () => {
    expect(() => computeAttributes({ data: new Uint8Array(0), width: 0, height: 0 })).toThrow(AttributeInputError);
    expect(() => computeAttributes({ data: new Uint8Array(0), width: 0, height: 5 })).toThrow(/empty/);
    expect(() => computeAttributes({ data: new Uint8Array(10), width: 2, height: 2 })).toThrow(/expected 16/);
    expect(() => computeAttributes({ data: new Uint8Array(4), width: 0.5, height: 2 })).toThrow(AttributeInputError);
    try {
      computeAttributes({ data: new Uint8Array(0), width: 0, height: 0 });
    } catch (e) {
      expect((e as AttributeInputError).code).toBe('empty-image');
    }
  });
});

/** Paints a coloured rectangle on a noisy image so the determinism test exercises k-means with several clusters. */
function paint3(img: { data: Uint8ClampedArray | Uint8Array; width: number }): void {
  for (let y = 30; y < 90; y++) for (let x = 20; x < 60; x++) img.data.set([200, 60, 20, 255], (y * img.width + x) * 4);
}
