import { hexToRgb, labToLch, rgbToLab } from './color-space';

/**
 * The shopper-facing colour names. `hex` is the swatch shown in the UI; `anchors` are extra Lab points
 * that belong to the same name (a name covers a region, e.g. "blue" spans royal to denim), so nearest
 * anchor wins. Neutrals (black, grey, white) are decided by chroma/lightness rules first, see nameColor.
 */
export type ColorFamily = 'warm' | 'cool' | 'neutral';

export interface PaletteColor {
  name: string;
  hex: string;
  family: ColorFamily;
  anchors: readonly string[];
}

export const NAMED_COLORS: readonly PaletteColor[] = [
  { name: 'black', hex: '#111111', family: 'neutral', anchors: [] },
  { name: 'grey', hex: '#8c8c8c', family: 'neutral', anchors: [] },
  { name: 'white', hex: '#f5f5f5', family: 'neutral', anchors: [] },
  { name: 'beige', hex: '#d8c3a5', family: 'neutral', anchors: ['#e8dcc4', '#c8ad7f', '#f3ead3', '#bfae94'] },
  { name: 'brown', hex: '#7b4a2a', family: 'warm', anchors: ['#5d4037', '#a0522d', '#8b5a2b', '#4a3222', '#a67b5b'] },
  { name: 'red', hex: '#c8102e', family: 'warm', anchors: ['#e53935', '#b22222', '#d62d20', '#a52a3a'] },
  { name: 'burgundy', hex: '#800020', family: 'warm', anchors: ['#5c1a1b', '#6d1f2f', '#7b2d3a'] },
  { name: 'orange', hex: '#f57c00', family: 'warm', anchors: ['#ff8c1a', '#e0621b', '#f0a060', '#c0703c'] },
  { name: 'yellow', hex: '#f5d000', family: 'warm', anchors: ['#ffe14d', '#e0b422', '#f2e394'] },
  { name: 'olive', hex: '#6b7a2a', family: 'neutral', anchors: ['#556b2f', '#808040', '#5b5a36'] },
  { name: 'green', hex: '#2e8b57', family: 'cool', anchors: ['#228b22', '#4caf50', '#1b5e20', '#8fd18f', '#2f4f3a', '#a8c3a0'] },
  { name: 'teal', hex: '#008080', family: 'cool', anchors: ['#20b2aa', '#0e5e63', '#4fb3b0'] },
  { name: 'light blue', hex: '#8ec5e8', family: 'cool', anchors: ['#a7c7e7', '#6fa8dc', '#b9d3ee'] },
  { name: 'blue', hex: '#1f5fbf', family: 'cool', anchors: ['#2962ff', '#4169e1', '#3b5998', '#4a6d9c', '#5b7fb0'] },
  { name: 'navy', hex: '#1b2a4e', family: 'cool', anchors: ['#000080', '#202a44', '#2c3e66'] },
  { name: 'purple', hex: '#6a3d9a', family: 'cool', anchors: ['#800080', '#9370db', '#4b2a6b', '#b19cd9', '#64507f', '#8a7fa8'] },
  { name: 'pink', hex: '#f06292', family: 'warm', anchors: ['#ff69b4', '#f4a6c0', '#d81b60', '#ffc0cb', '#e8b4bc'] },
];

interface Anchor {
  index: number;
  lab: [number, number, number];
}

/** Chromatic anchors in Lab, computed once. */
const ANCHORS: Anchor[] = NAMED_COLORS.flatMap((c, index) =>
  c.family === 'neutral' && c.anchors.length === 0
    ? []
    : [c.hex, ...c.anchors].map((hex) => ({ index, lab: rgbToLab(...hexToRgb(hex)) })),
);

const BY_NAME = new Map(NAMED_COLORS.map((c) => [c.name, c]));

/**
 * Below this chroma a colour reads as black/grey/white. Dark colours need more chroma before a shopper
 * sees a hue (a dark charcoal with a blue cast is "black", not "navy"), so the bar rises as L* falls.
 */
export function neutralChromaLimit(lightness: number): number {
  if (lightness < 40) return 6 + (40 - lightness) * 0.3;
  // Light neutrals under warm or cool indoor light pick up a faint cast; they are still white/grey.
  return lightness > 70 ? 8 : 6;
}

/** Names a Lab colour: neutral rules first, then the nearest chromatic anchor (lightness half-weighted). */
export function nameColor(l: number, a: number, b: number): string {
  const { c } = labToLch(l, a, b);
  if (c < neutralChromaLimit(l)) {
    if (l < 28) return 'black';
    // Indoor photos rarely render a white garment above L* 80; light greys above 74 read as white.
    if (l > 74) return 'white';
    return 'grey';
  }
  // Very dark and only weakly tinted (but above the neutral bar): still black unless the hue is strong.
  if (l < 14 && c < 14) return 'black';
  let best = 0;
  let bestD = Infinity;
  for (const anchor of ANCHORS) {
    const dl = (l - anchor.lab[0]) * 0.5;
    const da = a - anchor.lab[1];
    const db = b - anchor.lab[2];
    const d = dl * dl + da * da + db * db;
    if (d < bestD) {
      bestD = d;
      best = anchor.index;
    }
  }
  return NAMED_COLORS[best].name;
}

/** "warm" (reds, oranges, yellows, pinks, browns), "cool" (greens, teal, blues, purples) or "neutral" (black, grey, white, beige, olive: fashion neutrals). */
export function colorFamily(name: string): ColorFamily {
  return BY_NAME.get(name)?.family ?? 'neutral';
}

export function paletteColor(name: string): PaletteColor | undefined {
  return BY_NAME.get(name);
}

/**
 * Shades shoppers treat as one colour ("I like blues"), split by the palette into several names. Curated
 * rather than measured: hue distance alone puts navy next to purple (their anchors share a hue).
 */
const SHADES: readonly (readonly string[])[] = [
  ['red', 'burgundy'],
  ['light blue', 'blue', 'navy'],
  ['green', 'teal'],
];
const SHADE_SIMILARITY = 0.6;

/**
 * How much a liking for colour name `b` carries over to name `a`, in [0, 1]: 1 for the same name,
 * SHADE_SIMILARITY within a shade (navy and blue), 0 otherwise. Without it a profile of navy, blue and
 * light-blue likes looks weak on each name and loses to the visual term.
 */
export function colorNameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  return SHADES.some((shade) => shade.includes(a) && shade.includes(b)) ? SHADE_SIMILARITY : 0;
}
