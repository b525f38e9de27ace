import { describe, expect, it } from 'vitest';
import { garmentOnBackground, rectOnBackground, stripes } from '../../testing/synthetic-images';
import { computeAttributes } from './compute';
import { describeAttributes, warmth } from './describe';
import { ATTRIBUTES_EXTRACTOR, ATTRIBUTE_VECTOR_LENGTH, attributeVector, colorSimilarity } from './vector';
import type { ImageAttributes } from '../contract';

const WHITE = [250, 250, 250] as const;
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('attributeVector and colorSimilarity', () => {
  const red = computeAttributes(garmentOnBackground(128, [200, 20, 30], WHITE).image);
  const red2 = computeAttributes(garmentOnBackground(128, [215, 30, 40], [240, 240, 235]).image);
  const blue = computeAttributes(garmentOnBackground(128, [30, 80, 200], WHITE).image);

  it('is fixed-length, unit-norm and matches the extractor info', () => {
    const v = attributeVector(red);
    expect(v).toHaveLength(ATTRIBUTE_VECTOR_LENGTH);
    expect(ATTRIBUTE_VECTOR_LENGTH).toBe(80);
    expect(ATTRIBUTES_EXTRACTOR.dims).toBe(ATTRIBUTE_VECTOR_LENGTH);
    expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
  });

  it('ranks a same-colour garment above a different-colour one', () => {
    expect(dot(attributeVector(red), attributeVector(red2))).toBeGreaterThan(dot(attributeVector(red), attributeVector(blue)));
    expect(colorSimilarity(red, red2)).toBeGreaterThan(0.8);
    expect(colorSimilarity(red, blue)).toBeLessThan(0.1);
    expect(colorSimilarity(red, red)).toBeCloseTo(1, 4);
  });

  it('stays finite when a block is all zeros', () => {
    const empty: ImageAttributes = {
      colors: [], colorHistogram: new Float32Array(52), texture: new Float32Array(14), shape: new Float32Array(14),
      aspectRatio: 1, foreground: 0,
    };
    const v = attributeVector(empty);
    expect(v.every((x) => x === 0)).toBe(true);
  });
});

describe('warmth and describeAttributes', () => {
  it('scores warm, cool and neutral garments', () => {
    const red = computeAttributes(garmentOnBackground(128, [200, 20, 30], WHITE).image);
    const blue = computeAttributes(garmentOnBackground(128, [30, 80, 200], WHITE).image);
    const grey = computeAttributes(garmentOnBackground(128, [120, 120, 120], WHITE).image);
    expect(warmth(red)).toBeCloseTo(1, 5);
    expect(warmth(blue)).toBeCloseTo(-1, 5);
    expect(warmth(grey)).toBe(0);
    expect(describeAttributes(red)).toMatchObject({ dominantColor: 'red', tone: 'warm', texture: 'smooth' });
    expect(describeAttributes(blue).tone).toBe('cool');
    expect(describeAttributes(grey).tone).toBe('neutral');
  });

  it('dilutes warmth by neutral colours', () => {
    const attrs: ImageAttributes = {
      ...computeAttributes(garmentOnBackground(64, [200, 20, 30], WHITE).image),
      colors: [{ name: 'black', hex: '#111111', weight: 0.9 }, { name: 'red', hex: '#c8102e', weight: 0.1 }],
    };
    expect(warmth(attrs)).toBeCloseTo(0.1, 5);
    expect(describeAttributes(attrs)).toMatchObject({ dominantColor: 'black', secondaryColor: undefined, tone: 'neutral' });
  });

  it('words shape and texture', () => {
    const tall = computeAttributes(rectOnBackground(200, 200, { x0: 70, y0: 20, x1: 130, y1: 180 }, [20, 60, 30], WHITE));
    const wide = computeAttributes(rectOnBackground(200, 200, { x0: 20, y0: 70, x1: 180, y1: 130 }, [20, 60, 30], WHITE));
    const square = computeAttributes(rectOnBackground(200, 200, { x0: 50, y0: 50, x1: 150, y1: 150 }, [20, 60, 30], WHITE));
    expect(describeAttributes(tall).shape).toBe('tall');
    expect(describeAttributes(wide).shape).toBe('wide');
    expect(describeAttributes(square).shape).toBe('square');
    const striped = computeAttributes(stripes(128, 8, 'vertical', [20, 20, 90], [230, 230, 230]));
    expect(describeAttributes(striped).texture).toBe('patterned');
  });
});
