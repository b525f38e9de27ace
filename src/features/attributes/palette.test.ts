import { describe, expect, it } from 'vitest';
import { hexToRgb, rgbToLab } from './color-space';
import { NAMED_COLORS, colorFamily, colorNameSimilarity, nameColor } from './palette';

const nameOf = (hex: string) => nameColor(...rgbToLab(...hexToRgb(hex)));

describe('palette', () => {
  it('names every palette swatch and anchor as itself', () => {
    for (const c of NAMED_COLORS) {
      expect(nameOf(c.hex), c.hex).toBe(c.name);
      for (const a of c.anchors) expect(nameOf(a), `${c.name} anchor ${a}`).toBe(c.name);
    }
  });

  it('has unique names and valid hex swatches', () => {
    expect(new Set(NAMED_COLORS.map((c) => c.name)).size).toBe(NAMED_COLORS.length);
    for (const c of NAMED_COLORS) expect(c.hex).toMatch(/^#[0-9a-f]{6}$/);
    expect(NAMED_COLORS.length).toBeGreaterThanOrEqual(16);
    expect(NAMED_COLORS.length).toBeLessThanOrEqual(20);
  });

  it('maps dark desaturated colours to black or grey, not navy or brown', () => {
    expect(nameOf('#1a1c22')).toBe('black'); // charcoal with a blue cast, as black cloth photographs
    expect(nameOf('#221e1c')).toBe('black');
    expect(nameOf('#000000')).toBe('black');
    expect(nameOf('#5a5c60')).toBe('grey');
    expect(nameOf('#fafafa')).toBe('white');
    expect(nameOf('#1b2a4e')).toBe('navy');
    expect(nameOf('#000080')).toBe('navy');
  });

  it('names everyday garment colours the way a shopper would', () => {
    const cases: Record<string, string> = {
      '#ff0000': 'red', '#b71c1c': 'red', '#ff8800': 'orange', '#ffeb3b': 'yellow', '#00a000': 'green',
      '#2196f3': 'blue', '#87cefa': 'light blue', '#8e24aa': 'purple', '#ff80ab': 'pink', '#795548': 'brown',
      '#f5f5dc': 'beige', '#008b8b': 'teal', '#6b8e23': 'olive', '#722f37': 'burgundy',
    };
    for (const [hex, name] of Object.entries(cases)) expect(nameOf(hex), hex).toBe(name);
  });

  it('puts every name in a colour family', () => {
    expect(colorFamily('red')).toBe('warm');
    expect(colorFamily('navy')).toBe('cool');
    expect(colorFamily('grey')).toBe('neutral');
    expect(colorFamily('no such colour')).toBe('neutral');
  });
});

describe('colorNameSimilarity', () => {
  it('is 1 for a name, partial within a shade, 0 across shades and for neutrals, and symmetric', () => {
    expect(colorNameSimilarity('navy', 'navy')).toBe(1);
    const shade = colorNameSimilarity('navy', 'blue');
    expect(shade).toBeGreaterThan(0);
    expect(shade).toBeLessThan(1);
    expect(colorNameSimilarity('blue', 'navy')).toBe(shade);
    expect(colorNameSimilarity('red', 'burgundy')).toBeGreaterThan(0);
    expect(colorNameSimilarity('navy', 'purple')).toBe(0);
    expect(colorNameSimilarity('red', 'blue')).toBe(0);
    expect(colorNameSimilarity('black', 'grey')).toBe(0);
  });
});
