import type { ExtractorInfo } from './contract';
import { centerAndNormalize, meanVector } from './embedding-post';
import { fromFloat16Bits, toFloat16Bits } from './float16';
import { fitPca, projectPca, type PcaModel } from './pca';

/**
 * The catalog's embedding space: raw CNN vectors, centred on the catalog mean and L2-normalised, then
 * (optionally) projected on the top-k PCA components, optionally each scaled by its variance to a power (the
 * spectral exponent), and normalised again. Shipped inside the feature file so the browser can put images
 * the file lacks (new items, a shopper's photo) in the same space.
 *
 * The spectral weighting is the opposite of whitening: it stresses the directions along which the catalog
 * varies most (on clothing: the kind of garment) over the many small ones (photographer, light,
 * background). It needs no labels, only the catalog. Chosen by eval suite visual-spectral on one
 * contributor half of the clothing photos: the largest pair AUC at which P@1 does not fall below the
 * unprojected embedding's (PCA-64: 0.806 / 0.843 -> 0.814 / 0.867; exponent 0.5 0.798 / 0.876; whitening,
 * exponent -0.25 or -0.5, cut pair AUC to 0.63-0.76).
 */
export interface EmbeddingSpace {
  /** The raw extractor (e.g. MobileNetV2 GAP, 1280-d). */
  base: ExtractorInfo;
  /** Identity of the vectors in this space: a change re-extracts, never mixes. */
  info: ExtractorInfo;
  mean: Float32Array;
  pca?: PcaModel;
  /** With pca and a non-zero spectral exponent: per-component multipliers (spectralWeights of its variances). */
  weights?: Float32Array;
  /** The spectral exponent the weights were made with (0: plain PCA, no weights). */
  exponent?: number;
}

/**
 * The exponent chosen for category retrieval (0 = plain PCA, -0.5 = whitening). Opt-in
 * (`npm run features -- --spectral 0.25`), not the default: it weakens the colour signal the app's feed
 * uses for colour tastes (e2e shopper colour case: 4 of the top 10 blue after five blue likes, 5 needed).
 */
export const SPECTRAL_EXPONENT = 0.25;

export function spaceInfo(base: ExtractorInfo, k?: number, exponent = 0): ExtractorInfo {
  const weighting = k && exponent !== 0 ? `+spectral${exponent}` : '';
  return { id: `${base.id}+centred${k ? `+pca${k}` : ''}${weighting}`, version: base.version, dims: k ?? base.dims };
}

/**
 * (variance_c / variance_0)^exponent per component: relative to the first, so the weights stay in (0, 1]
 * for a positive exponent and survive float16 in the feature file. Zero-variance components weigh 0.
 */
export function spectralWeights(variances: Float64Array, exponent = SPECTRAL_EXPONENT): Float32Array {
  const top = variances[0] ?? 0;
  return Float32Array.from(variances, (v) => (top > 0 && v > 0 ? (v / top) ** exponent : 0));
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
  if (!space.pca) return c;
  const p = projectPca(space.pca, c);
  if (space.weights) for (let i = 0; i < p.length; i++) p[i]! *= space.weights[i]!;
  return unit(p);
}

/** Fits the space on a catalog's raw embeddings (k omitted or >= rows: no PCA). */
export function fitSpace(base: ExtractorInfo, raws: readonly Float32Array[], k?: number, exponent = 0): EmbeddingSpace {
  const mean = meanVector(raws);
  const usePca = k !== undefined && k < raws.length && k < base.dims;
  const pca = usePca ? fitPca(raws.map((r) => centerAndNormalize(r, mean)), k, { seed: 1 }) : undefined;
  const weighted = pca && exponent !== 0 ? { weights: spectralWeights(pca.variances, exponent), exponent } : {};
  return { base, info: spaceInfo(base, pca?.k, exponent), mean, ...(pca ? { pca, ...weighted } : {}) };
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
      ? {
          pca: {
            k: space.pca.k,
            mean: packF16(space.pca.mean),
            components: packF16(space.pca.components),
            ...(space.weights ? { weights: packF16(space.weights), exponent: space.exponent } : {}),
          },
        }
      : {}),
  };
}

export function spaceFromMeta(meta: unknown): EmbeddingSpace {
  const m = meta as {
    base?: ExtractorInfo;
    mean?: string;
    pca?: { k: number; mean: string; components: string; weights?: string; exponent?: number };
  };
  if (!m?.base || typeof m.mean !== 'string') throw new RangeError('The feature file carries no embedding space.');
  const d = m.base.dims;
  if (m.pca && m.pca.weights !== undefined && (typeof m.pca.weights !== 'string' || typeof m.pca.exponent !== 'number')) {
    throw new RangeError('its embedding space has spectral weights without their exponent');
  }
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
    info: spaceInfo(m.base, pca?.k, m.pca?.weights ? m.pca.exponent : 0),
    mean: unpackF16(m.mean, d),
    ...(pca ? { pca, ...(m.pca!.weights ? { weights: unpackF16(m.pca!.weights, pca.k), exponent: m.pca!.exponent! } : {}) } : {}),
  };
}
