import type { ExtractorInfo } from './contract';
import { centerAndNormalize, meanVector } from './embedding-post';
import { fromFloat16Bits, toFloat16Bits } from './float16';
import { fitPca, projectPca, type PcaModel } from './pca';

/**
 * The catalog's embedding space: raw CNN vectors, centred on the catalog mean and L2-normalised, then
 * (optionally) projected on the top-k PCA components and normalised again. Shipped inside the feature
 * file so the browser can put images the file lacks (new items, a shopper's photo) in the same space.
 */
export interface EmbeddingSpace {
  /** The raw extractor (e.g. MobileNetV2 GAP, 1280-d). */
  base: ExtractorInfo;
  /** Identity of the vectors in this space: a change re-extracts, never mixes. */
  info: ExtractorInfo;
  mean: Float32Array;
  pca?: PcaModel;
}

export function spaceInfo(base: ExtractorInfo, k?: number): ExtractorInfo {
  return { id: `${base.id}+centred${k ? `+pca${k}` : ''}`, version: base.version, dims: k ?? base.dims };
}

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  return n > 0 ? v.map((x) => x / n) : v;
}

export function projectEmbedding(space: EmbeddingSpace, raw: Float32Array): Float32Array {
  if (raw.length !== space.base.dims)
    throw new RangeError(`embedding has ${raw.length} dims, the space expects ${space.base.dims}`);
  const c = centerAndNormalize(raw, space.mean);
  return space.pca ? unit(projectPca(space.pca, c)) : c;
}

/** Fits the space on a catalog's raw embeddings (k omitted or >= rows: no PCA). */
export function fitSpace(base: ExtractorInfo, raws: readonly Float32Array[], k?: number): EmbeddingSpace {
  const mean = meanVector(raws);
  const usePca = k !== undefined && k < raws.length && k < base.dims;
  const pca = usePca ? fitPca(raws.map((r) => centerAndNormalize(r, mean)), k, { seed: 1 }) : undefined;
  return { base, info: spaceInfo(base, pca?.k), mean, ...(pca ? { pca } : {}) };
}

/** btoa/atob exist in browsers, workers and Node >= 16; this layer's tsconfig has no DOM lib. */
const base64 = globalThis as unknown as { btoa(s: string): string; atob(s: string): string };

function packF16(v: Float32Array): string {
  const u = new Uint16Array(v.length);
  for (let i = 0; i < v.length; i++) u[i] = toFloat16Bits(v[i]!);
  const bytes = new Uint8Array(u.buffer);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return base64.btoa(s);
}

function unpackF16(b64: string, length: number): Float32Array {
  const s = base64.atob(b64);
  if (s.length !== length * 2) throw new RangeError(`packed vector has ${s.length / 2} values, expected ${length}`);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  const u = new Uint16Array(bytes.buffer);
  return Float32Array.from(u, (h) => fromFloat16Bits(h));
}

/** JSON for the feature file's meta (float16, base64): the mean and PCA basis travel with the vectors. */
export function spaceToMeta(space: EmbeddingSpace): Record<string, unknown> {
  return {
    base: space.base,
    mean: packF16(space.mean),
    ...(space.pca
      ? { pca: { k: space.pca.k, mean: packF16(space.pca.mean), components: packF16(space.pca.components) } }
      : {}),
  };
}

export function spaceFromMeta(meta: unknown): EmbeddingSpace {
  const m = meta as {
    base?: ExtractorInfo;
    mean?: string;
    pca?: { k: number; mean: string; components: string };
  };
  if (!m?.base || typeof m.mean !== 'string') throw new RangeError('The feature file carries no embedding space.');
  const d = m.base.dims;
  // Variances are not shipped: projecting needs only the mean and the basis.
  const pca: PcaModel | undefined = m.pca && {
    k: m.pca.k,
    dims: d,
    mean: unpackF16(m.pca.mean, d),
    components: unpackF16(m.pca.components, m.pca.k * d),
    variances: new Float64Array(m.pca.k),
    explained: Number.NaN,
  };
  return {
    base: m.base,
    info: spaceInfo(m.base, pca?.k),
    mean: unpackF16(m.mean, d),
    ...(pca ? { pca } : {}),
  };
}
