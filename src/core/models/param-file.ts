import { createMatrix } from '../linalg';
import { validateItemParams, type ItemParams } from './item-params';
import { utf8Decode, utf8Encode } from './utf8';

/**
 * The shipped item-parameter file (`*.glparams`): magic "GLPM", uint32 LE header length, a UTF-8 JSON
 * header, zero padding to a 4-byte boundary, then little-endian Float32 blocks in header order.
 * Change FORMAT_VERSION only together with a decoder for the old layout.
 */
export const PARAM_FILE_MAGIC = 'GLPM';
export const PARAM_FILE_VERSION = 1;

interface Block {
  name: 'factors' | 'bias' | 'projection' | 'featureBias';
  length: number;
}

interface Header {
  format: 'glimpse-item-params';
  version: number;
  model: string;
  nItems: number;
  dims: number;
  regularization: number;
  itemIds: string[];
  visual?: { latentDims: number; featureDims: number; visualDims: number };
  meta?: Record<string, unknown>;
  blocks: Block[];
}

export class ParamFileError extends Error {
  override name = 'ParamFileError';
}

export function encodeItemParams(p: ItemParams, meta?: Record<string, unknown>): Uint8Array {
  validateItemParams(p);
  if (!p.itemIds) throw new ParamFileError('a shipped parameter file needs itemIds');
  const arrays: [Block['name'], Float32Array][] = [
    ['factors', p.factors.data],
    ['bias', p.bias],
  ];
  if (p.visual) arrays.push(['projection', p.visual.projection.data], ['featureBias', p.visual.featureBias]);
  const header: Header = {
    format: 'glimpse-item-params',
    version: PARAM_FILE_VERSION,
    model: p.model,
    nItems: p.factors.rows,
    dims: p.factors.cols,
    regularization: p.regularization,
    itemIds: p.itemIds,
    visual: p.visual && {
      latentDims: p.visual.latentDims,
      featureDims: p.visual.projection.rows,
      visualDims: p.visual.projection.cols,
    },
    meta,
    blocks: arrays.map(([name, a]) => ({ name, length: a.length })),
  };
  const json = utf8Encode(JSON.stringify(header));
  const start = Math.ceil((8 + json.length) / 4) * 4;
  const floats = arrays.reduce((s, [, a]) => s + a.length, 0);
  const out = new Uint8Array(start + floats * 4);
  const view = new DataView(out.buffer);
  out.set(utf8Encode(PARAM_FILE_MAGIC), 0);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  let off = start;
  for (const [, a] of arrays) {
    for (let k = 0; k < a.length; k++, off += 4) view.setFloat32(off, a[k], true);
  }
  return out;
}

export function decodeItemParams(bytes: Uint8Array): ItemParams & { meta?: Record<string, unknown> } {
  if (bytes.length < 8 || utf8Decode(bytes.subarray(0, 4)) !== PARAM_FILE_MAGIC)
    throw new ParamFileError('not a Glimpse item-parameter file (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint32(4, true);
  if (8 + len > bytes.length) throw new ParamFileError('truncated header');
  let header: Header;
  try {
    header = JSON.parse(utf8Decode(bytes.subarray(8, 8 + len))) as Header;
  } catch (e) {
    throw new ParamFileError(`unreadable header: ${(e as Error).message}`);
  }
  if (header.format !== 'glimpse-item-params')
    throw new ParamFileError(`unknown format ${String(header.format)}`);
  if (header.version !== PARAM_FILE_VERSION)
    throw new ParamFileError(
      `unsupported version ${header.version} (this build reads ${PARAM_FILE_VERSION})`,
    );
  let off = Math.ceil((8 + len) / 4) * 4;
  const blocks = new Map<string, Float32Array>();
  for (const b of header.blocks) {
    if (off + b.length * 4 > bytes.length) throw new ParamFileError(`truncated block ${b.name}`);
    const a = new Float32Array(b.length);
    for (let k = 0; k < b.length; k++, off += 4) a[k] = view.getFloat32(off, true);
    blocks.set(b.name, a);
  }
  const need = (name: string): Float32Array => {
    const a = blocks.get(name);
    if (!a) throw new ParamFileError(`missing block ${name}`);
    return a;
  };
  const p: ItemParams & { meta?: Record<string, unknown> } = {
    model: header.model,
    itemIds: header.itemIds,
    factors: createMatrix(header.nItems, header.dims, need('factors')),
    bias: need('bias'),
    regularization: header.regularization,
    meta: header.meta,
  };
  if (header.visual) {
    const v = header.visual;
    p.visual = {
      latentDims: v.latentDims,
      projection: createMatrix(v.featureDims, v.visualDims, need('projection')),
      featureBias: need('featureBias'),
    };
  }
  validateItemParams(p);
  return p;
}
