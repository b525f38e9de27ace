import { TfliteFormatError, type ParsedTensor } from './parse';
import { TensorType } from './schema';

/**
 * Float32 values of a constant tensor: int8/uint8/int32 data become (q - zero_point) * scale, per
 * channel along the quantised dimension when there are several scales; float32 is copied.
 * Unquantised integer data (shapes, axes) is read with `constantInts` instead.
 */
export function dequantize(t: ParsedTensor): Float32Array {
  const data = t.data;
  if (!data) throw new TfliteFormatError(`Tensor ${t.index} (${t.name}) has no constant data to dequantise.`);
  const n = t.shape.reduce((a, b) => a * b, 1);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (t.type === TensorType.FLOAT32) {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, true);
    return out;
  }
  const read = readerFor(t, view);
  const q = t.quant;
  if (!q) throw new TfliteFormatError(`Tensor ${t.index} (${t.name}) is integer without quantisation parameters.`);
  const channels = q.scale.length;
  const out = new Float32Array(n);
  if (channels === 1) {
    const s = q.scale[0]!;
    const z = q.zeroPoint[0] ?? 0;
    for (let i = 0; i < n; i++) out[i] = (read(i) - z) * s;
    return out;
  }
  const dim = q.dimension;
  if (t.shape[dim] !== channels) {
    throw new TfliteFormatError(
      `Tensor ${t.index} (${t.name}) has ${channels} scales but dimension ${dim} of shape [${t.shape}].`,
    );
  }
  // Row-major: the channel of flat index i is floor(i / inner) % channels.
  const inner = t.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(i / inner) % channels;
    out[i] = (read(i) - (q.zeroPoint[c] ?? 0)) * q.scale[c]!;
  }
  return out;
}

function readerFor(t: ParsedTensor, view: DataView): (i: number) => number {
  switch (t.type) {
    case TensorType.INT8:
      return (i) => view.getInt8(i);
    case TensorType.UINT8:
      return (i) => view.getUint8(i);
    case TensorType.INT32:
      return (i) => view.getInt32(4 * i, true);
    case TensorType.INT16:
      return (i) => view.getInt16(2 * i, true);
    default:
      throw new TfliteFormatError(`Tensor ${t.index} (${t.name}) has unsupported constant type ${t.type}.`);
  }
}

/** Integer constants (shapes, axes) as plain numbers. */
export function constantInts(t: ParsedTensor): number[] {
  const data = t.data;
  if (!data) throw new TfliteFormatError(`Tensor ${t.index} (${t.name}) must be a constant.`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const n = t.shape.reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (t.type === TensorType.INT32) out.push(view.getInt32(4 * i, true));
    else if (t.type === TensorType.INT64) out.push(Number(view.getBigInt64(8 * i, true)));
    else throw new TfliteFormatError(`Tensor ${t.index} (${t.name}) must be int32/int64, got type ${t.type}.`);
  }
  return out;
}

/** TFLite conv filters are [out, h, w, in]; TF.js wants [h, w, in, out]. */
export function ohwiToHwio(values: Float32Array, shape: number[]): Float32Array {
  const [o, h, w, c] = shape as [number, number, number, number];
  const out = new Float32Array(values.length);
  for (let oi = 0; oi < o; oi++) {
    for (let hi = 0; hi < h; hi++) {
      for (let wi = 0; wi < w; wi++) {
        for (let ci = 0; ci < c; ci++) {
          out[((hi * w + wi) * c + ci) * o + oi] = values[((oi * h + hi) * w + wi) * c + ci]!;
        }
      }
    }
  }
  return out;
}
