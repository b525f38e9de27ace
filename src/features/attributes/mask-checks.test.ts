import { describe, expect, it } from 'vitest';
import { centreCoverage, centreMask, connectedParts, judgeMask, maskShare } from './mask-checks';

function maskFrom(rows: string[]): { mask: Uint8Array; width: number; height: number } {
  const width = rows[0].length;
  const mask = new Uint8Array(rows.length * width);
  rows.forEach((r, y) => [...r].forEach((c, x) => (mask[y * width + x] = c === '#' ? 1 : 0)));
  return { mask, width, height: rows.length };
}

describe('mask checks', () => {
  it('labels 4-connected parts (diagonal neighbours are separate)', () => {
    const { mask, width, height } = maskFrom(['##..#', '##...', '....#', '...#.']);
    const { sizes, labels } = connectedParts(mask, width, height);
    expect(sizes.sort((a, b) => b - a)).toEqual([4, 1, 1, 1]);
    expect(labels[2]).toBe(-1);
  });

  it('centre mask covers about half the frame and always the centre pixel', () => {
    expect(maskShare(centreMask(100, 100))).toBeCloseTo(Math.PI * 0.16, 2);
    expect(Array.from(centreMask(1, 1))).toEqual([1]);
    expect(centreCoverage(centreMask(50, 30), 50, 30)).toBe(1);
  });

  it('drops specks and accepts one central blob', () => {
    const rows = Array.from({ length: 20 }, (_, y) =>
      Array.from({ length: 20 }, (_, x) => ((x >= 5 && x < 15 && y >= 4 && y < 16) || (x === 0 && y === 0) ? '#' : '.')).join(''),
    );
    const { mask, width, height } = maskFrom(rows);
    const v = judgeMask(mask, width, height, 0.05, 0.97);
    expect(v.plausible).toBe(true);
    expect(v.mask[0]).toBe(0); // the one-pixel speck is gone
    expect(v.share).toBeCloseTo(120 / 400, 5);
  });

  it('rejects a mask that misses the middle, one that is only specks, and an empty one', () => {
    const ring = maskFrom(Array.from({ length: 20 }, (_, y) => Array.from({ length: 20 }, (_, x) => (x < 4 || y < 4 ? '#' : '.')).join('')));
    expect(judgeMask(ring.mask, 20, 20, 0.05, 0.97).plausible).toBe(false);
    const dots = maskFrom(Array.from({ length: 20 }, (_, y) => Array.from({ length: 20 }, (_, x) => (x % 2 === 0 && y % 2 === 0 ? '#' : '.')).join('')));
    expect(judgeMask(dots.mask, 20, 20, 0.05, 0.97).plausible).toBe(false);
    expect(judgeMask(new Uint8Array(400), 20, 20, 0.05, 0.97).plausible).toBe(false);
  });
});
