import type { NamedColor } from '../core/catalog/schema';
import type { ExtractorInfo, ImageAttributes } from './contract';
import { fromFloat16Bits, toFloat16Bits } from './float16';

/**
 * A compact static feature file the browser can load instead of extracting (`npm run features`).
 *
 * Layout (little-endian): "GLFF" | u32 format version | u32 header length H | H bytes of JSON header |
 * zero padding to a multiple of 8 | blocks. Each block is one named matrix (rows = items in `ids`
 * order) stored as float32, float16 or int8; int8 blocks start with one float32 scale per row
 * (q = round(v / scale * 127), scale = max |v| of the row). Offsets in the header are relative to the
 * first block.
 */
export const FEATURE_FILE_MAGIC = 'GLFF';
/** Change only together with a decoder for the old version. */
export const FEATURE_FILE_VERSION = 1;

export type MatrixEncoding = 'float32' | 'float16' | 'int8';

export interface FeatureMatrix {
  dims: number;
  /** rows x dims, row-major, in `ids` order. */
  data: Float32Array;
  encoding: MatrixEncoding;
}

export interface FeatureFile {
  extractor: ExtractorInfo;
  ids: string[];
  /** e.g. { embedding: ..., colorHistogram: ... } */
  matrices: Record<string, FeatureMatrix>;
  /** Catalog mean of the raw embedding, when the stored vectors were centred with it. */
  mean?: Float32Array;
  /** Per-item JSON (labels, named colours, ...), aligned with ids. */
  items?: Record<string, unknown>[];
  meta?: Record<string, unknown>;
}

interface BlockHeader {
  name: string;
  dims: number;
  encoding: MatrixEncoding;
  offset: number;
  byteLength: number;
}

interface Header {
  format: 'glimpse-features';
  version: number;
  extractor: ExtractorInfo;
  ids: string[];
  blocks: BlockHeader[];
  mean?: number[];
  items?: Record<string, unknown>[];
  meta?: Record<string, unknown>;
}

export class FeatureFileError extends Error {
  override name = 'FeatureFileError';
}

interface TextCodec {
  TextEncoder: new () => { encode(s: string): Uint8Array };
  TextDecoder: new (label?: string, options?: { fatal?: boolean }) => { decode(b: Uint8Array): string };
}
const codec = globalThis as unknown as TextCodec;

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

function blockBytes(rows: number, dims: number, encoding: MatrixEncoding): number {
  if (encoding === 'float32') return rows * dims * 4;
  if (encoding === 'float16') return rows * dims * 2;
  return rows * 4 + rows * dims;
}

/** Largest absolute error the encoding can add to a value of magnitude at most `maxAbs`. */
export function encodingErrorBound(encoding: MatrixEncoding, maxAbs: number): number {
  if (encoding === 'float32') return 0;
  if (encoding === 'float16') return Math.max(maxAbs * 2 ** -11, 2 ** -25);
  return maxAbs / 254 + 1e-12;
}

export function encodeFeatureFile(file: FeatureFile): Uint8Array {
  const rows = file.ids.length;
  if (new Set(file.ids).size !== rows) throw new FeatureFileError('Item ids must be unique.');
  if (file.items && file.items.length !== rows) throw new FeatureFileError(`items has ${file.items.length} entries for ${rows} ids.`);
  const blocks: BlockHeader[] = [];
  let offset = 0;
  for (const [name, m] of Object.entries(file.matrices)) {
    if (m.data.length !== rows * m.dims) {
      throw new FeatureFileError(`Matrix ${name}: ${m.data.length} values, expected ${rows} x ${m.dims}.`);
    }
    const byteLength = blockBytes(rows, m.dims, m.encoding);
    blocks.push({ name, dims: m.dims, encoding: m.encoding, offset, byteLength });
    offset = align8(offset + byteLength);
  }
  const header: Header = {
    format: 'glimpse-features',
    version: FEATURE_FILE_VERSION,
    extractor: file.extractor,
    ids: file.ids,
    blocks,
    ...(file.mean ? { mean: Array.from(file.mean) } : {}),
    ...(file.items ? { items: file.items } : {}),
    ...(file.meta ? { meta: file.meta } : {}),
  };
  const json = new codec.TextEncoder().encode(JSON.stringify(header));
  const bodyStart = align8(12 + json.length);
  const out = new Uint8Array(bodyStart + offset);
  const view = new DataView(out.buffer);
  out.set([...FEATURE_FILE_MAGIC].map((c) => c.charCodeAt(0)));
  view.setUint32(4, FEATURE_FILE_VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  for (const b of blocks) {
    const m = file.matrices[b.name]!;
    const at = bodyStart + b.offset;
    if (b.encoding === 'float32') {
      for (let i = 0; i < m.data.length; i++) view.setFloat32(at + 4 * i, m.data[i]!, true);
    } else if (b.encoding === 'float16') {
      for (let i = 0; i < m.data.length; i++) view.setUint16(at + 2 * i, toFloat16Bits(m.data[i]!), true);
    } else {
      const q = at + rows * 4;
      for (let r = 0; r < rows; r++) {
        let maxAbs = 0;
        for (let j = 0; j < b.dims; j++) maxAbs = Math.max(maxAbs, Math.abs(m.data[r * b.dims + j]!));
        view.setFloat32(at + 4 * r, maxAbs, true);
        for (let j = 0; j < b.dims; j++) {
          const v = maxAbs === 0 ? 0 : Math.round((m.data[r * b.dims + j]! / maxAbs) * 127);
          view.setInt8(q + r * b.dims + j, v);
        }
      }
    }
  }
  return out;
}

export function decodeFeatureFile(bytes: Uint8Array): FeatureFile {
  if (bytes.length < 12) throw new FeatureFileError(`Not a Glimpse feature file: ${bytes.length} bytes.`);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== FEATURE_FILE_MAGIC) throw new FeatureFileError(`Not a Glimpse feature file (magic ${JSON.stringify(magic)}).`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== FEATURE_FILE_VERSION) {
    throw new FeatureFileError(`Feature file version ${version} is not supported (expected ${FEATURE_FILE_VERSION}).`);
  }
  const jsonLength = view.getUint32(8, true);
  if (12 + jsonLength > bytes.length) throw new FeatureFileError('Feature file is truncated inside its header.');
  let header: Header;
  try {
    header = JSON.parse(new codec.TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + jsonLength))) as Header;
  } catch (err) {
    throw new FeatureFileError(`Feature file header is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (header.format !== 'glimpse-features' || !Array.isArray(header.ids) || !Array.isArray(header.blocks)) {
    throw new FeatureFileError('Feature file header lacks format, ids or blocks.');
  }
  const bodyStart = align8(12 + jsonLength);
  const rows = header.ids.length;
  const matrices: Record<string, FeatureMatrix> = {};
  for (const b of header.blocks) {
    const at = bodyStart + b.offset;
    if (b.byteLength !== blockBytes(rows, b.dims, b.encoding) || at + b.byteLength > bytes.length) {
      throw new FeatureFileError(`Feature file block ${b.name} is truncated or inconsistent with ${rows} x ${b.dims}.`);
    }
    const data = new Float32Array(rows * b.dims);
    if (b.encoding === 'float32') {
      for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(at + 4 * i, true);
    } else if (b.encoding === 'float16') {
      for (let i = 0; i < data.length; i++) data[i] = fromFloat16Bits(view.getUint16(at + 2 * i, true));
    } else if (b.encoding === 'int8') {
      const q = at + rows * 4;
      for (let r = 0; r < rows; r++) {
        const scale = view.getFloat32(at + 4 * r, true) / 127;
        for (let j = 0; j < b.dims; j++) data[r * b.dims + j] = view.getInt8(q + r * b.dims + j) * scale;
      }
    } else {
      throw new FeatureFileError(`Unknown encoding ${JSON.stringify(b.encoding)} for block ${b.name}.`);
    }
    matrices[b.name] = { dims: b.dims, data, encoding: b.encoding };
  }
  return {
    extractor: header.extractor,
    ids: header.ids,
    matrices,
    ...(header.mean ? { mean: Float32Array.from(header.mean) } : {}),
    ...(header.items ? { items: header.items } : {}),
    ...(header.meta ? { meta: header.meta } : {}),
  };
}

/** Row `i` of a matrix as a view (no copy). */
export function matrixRow(m: FeatureMatrix, i: number): Float32Array {
  return m.data.subarray(i * m.dims, (i + 1) * m.dims);
}

/**
 * The colour/texture/shape attributes stored for row `r` (per-item JSON + the attribute matrices), or
 * undefined when the file has none for it. Missing matrices read as empty vectors.
 */
export function attributesAt(file: FeatureFile, r: number): ImageAttributes | undefined {
  const meta = (file.items?.[r] ?? {}) as { colors?: NamedColor[]; aspectRatio?: number; foreground?: number };
  if (!meta.colors) return undefined;
  const m = (name: string) => (file.matrices[name] ? matrixRow(file.matrices[name], r) : new Float32Array(0));
  return {
    colors: meta.colors,
    colorHistogram: m('colorHistogram'),
    texture: m('texture'),
    shape: m('shape'),
    aspectRatio: meta.aspectRatio ?? 1,
    foreground: meta.foreground ?? 0,
  };
}
