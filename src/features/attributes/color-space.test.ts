import { describe, expect, it } from 'vitest';
import { hexToRgb, labToHex, labToLch, labToRgb, rgbToHex, rgbToHsv, rgbToLab } from './color-space';

describe('colour space', () => {
  it('matches published CIELAB values (D65)', () => {
    const white = rgbToLab(255, 255, 255);
    expect(white[0]).toBeCloseTo(100, 1);
    expect(Math.abs(white[1])).toBeLessThan(0.01);
    expect(Math.abs(white[2])).toBeLessThan(0.01);
    const red = rgbToLab(255, 0, 0); // L 53.24, a 80.09, b 67.20
    expect(red[0]).toBeCloseTo(53.24, 1);
    expect(red[1]).toBeCloseTo(80.09, 1);
    expect(red[2]).toBeCloseTo(67.2, 1);
    const blue = rgbToLab(0, 0, 255); // L 32.30, a 79.19, b -107.86
    expect(blue[0]).toBeCloseTo(32.3, 1);
    expect(blue[2]).toBeCloseTo(-107.86, 1);
    expect(rgbToLab(0, 0, 0)).toEqual([0, 0, 0]);
  });

  it('round-trips sRGB -> Lab -> sRGB', () => {
    const cases: [number, number, number][] = [[0, 0, 0], [255, 255, 255], [200, 20, 30], [27, 42, 78], [12, 200, 99], [128, 128, 128]];
    for (const rgb of cases) {
      expect(labToRgb(...rgbToLab(...rgb))).toEqual([...rgb]);
    }
    expect(labToHex(...rgbToLab(0x1b, 0x2a, 0x4e))).toBe('#1b2a4e');
  });

  it('converts hex, LCh and HSV', () => {
    expect(hexToRgb('#a83232')).toEqual([168, 50, 50]);
    expect(rgbToHex(168, 50, 50)).toBe('#a83232');
    expect(() => hexToRgb('red')).toThrow(/#rrggbb/);
    expect(labToLch(50, 0, 10)).toEqual({ l: 50, c: 10, h: 90 });
    expect(labToLch(50, 0, -10).h).toBe(270);
    expect(rgbToHsv(255, 0, 0)).toEqual({ h: 0, s: 1, v: 1 });
    expect(rgbToHsv(0, 0, 255).h).toBe(240);
    expect(rgbToHsv(0, 0, 0)).toEqual({ h: 0, s: 0, v: 0 });
  });
});
