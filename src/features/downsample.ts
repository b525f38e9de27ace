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
  const xs = areaWeights(sx, sw, outW, img.width);
  const ys = areaWeights(sy, sh, outH, img.height);
  // Horizontal pass: every source row to outW composited RGB columns.
  const rows = new Float32Array(img.height * outW * 3);
  const src = img.data;
  for (let y = 0; y < img.height; y++) {
    for (let ox = 0; ox < outW; ox++) {
      const w = xs.weights[ox]!;
      let p = (y * img.width + xs.first[ox]!) * 4;
      let r = 0, g = 0, b = 0;
      for (let k = 0; k < w.length; k++, p += 4) {
        const a = src[p + 3]! / 255;
        const white = (1 - a) * 255;
        r += w[k]! * (src[p]! * a + white);
        g += w[k]! * (src[p + 1]! * a + white);
        b += w[k]! * (src[p + 2]! * a + white);
      }
      const o = (y * outW + ox) * 3;
      rows[o] = r;
      rows[o + 1] = g;
      rows[o + 2] = b;
    }
  }
  const out = new Float32Array(size * size * 3).fill(255);
  for (let oy = 0; oy < outH; oy++) {
    const w = ys.weights[oy]!;
    const y0 = ys.first[oy]!;
    for (let ox = 0; ox < outW; ox++) {
      let r = 0, g = 0, b = 0;
      for (let k = 0; k < w.length; k++) {
        const p = ((y0 + k) * outW + ox) * 3;
        r += w[k]! * rows[p]!;
        g += w[k]! * rows[p + 1]!;
        b += w[k]! * rows[p + 2]!;
      }
      const o = ((oy + offY) * size + ox + offX) * 3;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
    }
  }
  return out;
}
