/**
 * sRGB (D65) <-> CIELAB and HSV. Lab is used for clustering and naming because Euclidean distance there
 * roughly follows perceived difference (Delta E 1976); HSV only for the coarse hue histogram.
 */

/** sRGB byte -> linear light, precomputed once: the per-pixel pow() would dominate the run time. */
const SRGB_TO_LINEAR = new Float32Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  SRGB_TO_LINEAR[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

const XN = 0.95047;
const ZN = 1.08883;
const EPS = (6 / 29) ** 3;

function labF(t: number): number {
  return t > EPS ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29;
}

function labFInv(t: number): number {
  return t > 6 / 29 ? t * t * t : 3 * (6 / 29) ** 2 * (t - 4 / 29);
}

/** Writes L*, a*, b* of an sRGB byte triple into out[offset..offset+2]. */
export function rgbToLabInto(r: number, g: number, b: number, out: Float32Array, offset: number): void {
  const rl = SRGB_TO_LINEAR[r & 255];
  const gl = SRGB_TO_LINEAR[g & 255];
  const bl = SRGB_TO_LINEAR[b & 255];
  const fx = labF((0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl) / XN);
  const fy = labF(0.2126729 * rl + 0.7151522 * gl + 0.072175 * bl);
  const fz = labF((0.0193339 * rl + 0.119192 * gl + 0.9503041 * bl) / ZN);
  out[offset] = 116 * fy - 16;
  out[offset + 1] = 500 * (fx - fy);
  out[offset + 2] = 200 * (fy - fz);
}

export function rgbToLab(r: number, g: number, b: number): [number, number, number] {
  const out = new Float32Array(3);
  rgbToLabInto(r, g, b, out, 0);
  return [out[0], out[1], out[2]];
}

function toSrgbByte(linear: number): number {
  const c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
  return Math.max(0, Math.min(255, Math.round(c * 255)));
}

/** Lab -> sRGB bytes, clamped to the gamut (cluster centres can sit slightly outside it). */
export function labToRgb(l: number, a: number, b: number): [number, number, number] {
  const fy = (l + 16) / 116;
  const x = XN * labFInv(fy + a / 500);
  const y = labFInv(fy);
  const z = ZN * labFInv(fy - b / 200);
  return [
    toSrgbByte(3.2404542 * x - 1.5371385 * y - 0.4985314 * z),
    toSrgbByte(-0.969266 * x + 1.8760108 * y + 0.041556 * z),
    toSrgbByte(0.0556434 * x - 0.2040259 * y + 1.0572252 * z),
  ];
}

export function rgbToHex(r: number, g: number, b: number): string {
  return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
}

export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function labToHex(l: number, a: number, b: number): string {
  return rgbToHex(...labToRgb(l, a, b));
}

/** Chroma and hue angle (degrees, 0..360) of a Lab colour. */
export function labToLch(l: number, a: number, b: number): { l: number; c: number; h: number } {
  const h = (Math.atan2(b, a) * 180) / Math.PI;
  return { l, c: Math.hypot(a, b), h: h < 0 ? h + 360 : h };
}

/** HSV with h in [0, 360), s and v in [0, 1]. */
export function rgbToHsv(r: number, g: number, b: number): { h: number; s: number; v: number } {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  let h = 0;
  if (d > 0) {
    if (max === r) h = ((g - b) / d) % 6;
    else if (max === g) h = (b - r) / d + 2;
    else h = (r - g) / d + 4;
    h *= 60;
    if (h < 0) h += 360;
  }
  return { h, s: max === 0 ? 0 : d / max, v: max / 255 };
}
