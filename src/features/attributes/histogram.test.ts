import { describe, expect, it } from 'vitest';
import { solidImage } from '../../testing/synthetic-images';
import { COLOR_HISTOGRAM_LENGTH, HUE_BINS, colorHistogram, histogramIntersection } from './histogram';
import { prepareImage } from './prepare';

const histOf = (rgb: [number, number, number]) => {
  const work = prepareImage(solidImage(4, 4, rgb), 128);
  return colorHistogram(work, new Uint8Array(16).fill(1));
};

describe('colour histogram', () => {
  it('puts saturated bright red in hue bin 0, strong saturation, high value', () => {
    const h = histOf([255, 0, 0]);
    expect(h).toHaveLength(COLOR_HISTOGRAM_LENGTH);
    expect(h[0 * 4 + 2 + 1]).toBeCloseTo(1, 6);
  });

  it('splits a hue between the two nearest bins', () => {
    const h = histOf([255, 191, 0]); // hue 45 degrees: halfway between bins 1 (30) and 2 (60)
    expect(h[1 * 4 + 3]).toBeCloseTo(0.5, 1);
    expect(h[2 * 4 + 3]).toBeCloseTo(0.5, 1);
  });

  it('sends greys to the achromatic value bins', () => {
    expect(histOf([10, 10, 10])[HUE_BINS * 4]).toBe(1);
    expect(histOf([250, 250, 250])[HUE_BINS * 4 + 3]).toBe(1);
    expect(histOf([100, 100, 100])[HUE_BINS * 4 + 1]).toBe(1);
  });

  it('intersects to 1 for equal and 0 for disjoint histograms', () => {
    expect(histogramIntersection(histOf([255, 0, 0]), histOf([255, 0, 0]))).toBeCloseTo(1, 6);
    expect(histogramIntersection(histOf([255, 0, 0]), histOf([0, 0, 255]))).toBe(0);
  });
});
