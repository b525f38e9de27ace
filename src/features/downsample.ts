import type { RgbaImage } from './contract';

/**
 * Integer box-filter downsampling (pure), applied before the bilinear resize to the model size so large
 * photos are averaged rather than aliased, identically in the browser and in Node. Reduces by
 * k = floor(min(width, height) / target) when k >= 2; otherwise returns the image unchanged.
 */
export function boxDownsample(img: RgbaImage, target: number): RgbaImage {
  const k = Math.floor(Math.min(img.width, img.height) / target);
  if (k < 2) return img;
  const w = Math.floor(img.width / k);
  const h = Math.floor(img.height / k);
  const out = new Uint8ClampedArray(w * h * 4);
  const src = img.data;
  const area = k * k;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let dy = 0; dy < k; dy++) {
        let p = ((y * k + dy) * img.width + x * k) * 4;
        for (let dx = 0; dx < k; dx++, p += 4) {
          r += src[p]!;
          g += src[p + 1]!;
          b += src[p + 2]!;
          a += src[p + 3]!;
        }
      }
      const o = (y * w + x) * 4;
      out[o] = r / area;
      out[o + 1] = g / area;
      out[o + 2] = b / area;
      out[o + 3] = a / area;
    }
  }
  return { data: out, width: w, height: h };
}

/** Which part of the frame goes to the square model input. */
export type FrameMode = 'squash' | 'center-crop' | 'letterbox';

/** Source rectangle (x, y, w, h) of `mode` for a square output: crop keeps the centred square. */
function sourceRect(width: number, height: number, mode: FrameMode): [number, number, number, number] {
  if (mode !== 'center-crop') return [0, 0, width, height];
  const side = Math.min(width, height);
  return [(width - side) / 2, (height - side) / 2, side, side];
}

/**
 * Per output index, the source pixels it covers and their overlap weights (sum 1): exact area averaging
 * over [start, start + len) split into `n` cells. When upsampling a cell is smaller than a pixel and the
 * weights degrade gracefully to nearest-neighbour.
 */
function areaWeights(start: number, len: number, n: number, limit: number): { first: Int32Array; weights: Float32Array[] } {
  const scale = len / n;
  const first = new Int32Array(n);
  const weights: Float32Array[] = [];
  for (let o = 0; o < n; o++) {
    const a = start + o * scale, b = start + (o + 1) * scale;
    const i0 = Math.max(0, Math.floor(a)), i1 = Math.min(limit, Math.ceil(b));
    const w = new Float32Array(Math.max(1, i1 - i0));
    for (let i = i0; i < i1; i++) w[i - i0] = (Math.min(b, i + 1) - Math.max(a, i)) / scale;
    first[o] = i0;
    weights.push(w);
  }
  return { first, weights };
}

/**
 * Area-average resize of RGBA pixels to size x size RGB floats (0..255, alpha composited over white), in
 * plain JS so the browser and Node compute identical numbers. Area averaging, unlike a plain bilinear
 * resize, does not alias the fine garment textures when shrinking ~2x. `letterbox` pads with white.
 * Both passes accumulate in double and round once per pass to float32 (the horizontal pass's rows and the
 * output); only the source rows the vertical pass reads are resized.
 */
export function areaResizeRgb(img: RgbaImage, size: number, mode: FrameMode = 'squash'): Float32Array {
  const [sx, sy, sw, sh] = sourceRect(img.width, img.height, mode);
  let outW = size, outH = size, offX = 0, offY = 0;
  if (mode === 'letterbox') {
    const s = size / Math.max(sw, sh);
    outW = Math.max(1, Math.round(sw * s));
    outH = Math.max(1, Math.round(sh * s));
    offX = Math.floor((size - outW) / 2);
    offY = Math.floor((size - outH) / 2);
  }
  const xs = flatten(areaWeights(sx, sw, outW, img.width));
  const ys = flatten(areaWeights(sy, sh, outH, img.height));
  const yLo = ys.first[0]!;
  const yHi = ys.first[outH - 1]! + ys.count[outH - 1]!;
  const rows = horizontalPass(img, xs, outW, yLo, yHi);
  const out = new Float32Array(size * size * 3).fill(255);
  const acc = new Float64Array(outW * 3);
  const rowLen = outW * 3;
  for (let oy = 0; oy < outH; oy++) {
    acc.fill(0);
    const n = ys.count[oy]!;
    const at = ys.at[oy]!;
    for (let k = 0; k < n; k++) {
      const w = ys.weights[at + k]!;
      let p = (ys.first[oy]! + k - yLo) * rowLen;
      for (let i = 0; i < rowLen; i++, p++) acc[i] += w * rows[p]!;
    }
    out.set(acc, ((oy + offY) * size + offX) * 3);
  }
  return out;
}

interface FlatWeights {
  first: Int32Array;
  count: Int32Array;
  /** Offset of each output's weights in `weights`. */
  at: Int32Array;
  /** Float32 weights widened to double (exactly), so products match the float32 originals. */
  weights: Float64Array;
}

function flatten({ first, weights }: { first: Int32Array; weights: Float32Array[] }): FlatWeights {
  const count = Int32Array.from(weights, (w) => w.length);
  const at = new Int32Array(weights.length);
  let total = 0;
  weights.forEach((w, o) => {
    at[o] = total;
    total += w.length;
  });
  const flat = new Float64Array(total);
  weights.forEach((w, o) => flat.set(w, at[o]));
  return { first, count, at, weights: flat };
}

/**
 * The horizontal pass's output, kept between calls: a fresh 1 MB array per photo costs more in page faults
 * than the pass itself in Chromium here (2.8 ms per MB of new memory; the pass takes 0.8 ms on reused memory).
 * Every value read is written first, and calls are synchronous, so sharing it cannot change a result. Only up to
 * SCRATCH_MAX floats are kept: one huge photo must not pin its rows in the worker for good.
 */
const SCRATCH_MAX = 1 << 20;
let rowsScratch = new Float32Array(0);

/** Rows yLo..yHi-1 resized to outW composited RGB columns (float32, as the vertical pass reads them). */
function horizontalPass(img: RgbaImage, xs: FlatWeights, outW: number, yLo: number, yHi: number): Float32Array {
  const need = (yHi - yLo) * outW * 3;
  if (need <= SCRATCH_MAX && rowsScratch.length < need) rowsScratch = new Float32Array(need);
  const rows = need <= SCRATCH_MAX ? rowsScratch : new Float32Array(need);
  const src = img.data;
  const opaque = isOpaque(img, yLo, yHi);
  const { count, at: offsets, first, weights } = xs;
  for (let y = yLo; y < yHi; y++) {
    const line = y * img.width;
    let o = (y - yLo) * outW * 3;
    for (let ox = 0; ox < outW; ox++, o += 3) {
      const n = count[ox]!;
      const at = offsets[ox]!;
      let p = (line + first[ox]!) * 4;
      let r = 0, g = 0, b = 0;
      if (opaque) {
        // alpha 255: the composite below is exactly the pixel (x * 1 + 0), so skip it.
        for (let k = 0; k < n; k++, p += 4) {
          const w = weights[at + k]!;
          r += w * src[p]!;
          g += w * src[p + 1]!;
          b += w * src[p + 2]!;
        }
      } else {
        for (let k = 0; k < n; k++, p += 4) {
          const w = weights[at + k]!;
          const a = src[p + 3]! / 255;
          const white = (1 - a) * 255;
          r += w * (src[p]! * a + white);
          g += w * (src[p + 1]! * a + white);
          b += w * (src[p + 2]! * a + white);
        }
      }
      rows[o] = r;
      rows[o + 1] = g;
      rows[o + 2] = b;
    }
  }
  return rows;
}

function isOpaque(img: RgbaImage, yLo: number, yHi: number): boolean {
  const src = img.data;
  for (let p = yLo * img.width * 4 + 3, end = yHi * img.width * 4; p < end; p += 4) if (src[p] !== 255) return false;
  return true;
}
