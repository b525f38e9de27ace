import { attributesAt, encodeFeatureFile, FeatureFileError, matrixRow, type FeatureFile, type MatrixEncoding } from './feature-file';
import type { ExtractorInfo, ImageAttributes } from './contract';
import { fitSpace, projectEmbedding, spaceFromMeta, spaceToMeta, type EmbeddingSpace } from './embedding-space';

/**
 * The catalog feature file `npm run features` writes and the browser reads (app and widget): the catalog's
 * CNN embeddings in its own space (mean + optional PCA, shipped in the meta so new images and photos can be
 * projected into it), the colour/texture/shape attributes, and which attribute version and catalog they
 * belong to. One builder and one reader, so the two sides cannot drift apart.
 */
export interface ExtractedImage {
  id: string;
  /** Raw CNN embedding (not centred, not normalised). */
  embedding: Float32Array;
  attributes: ImageAttributes;
}

export interface CatalogFeatureOptions {
  /** The raw CNN extractor (src/engine's MOBILENET_EXTRACTOR). */
  base: ExtractorInfo;
  /** The attribute extractor whose numbers the attribute matrices hold. */
  attributes: ExtractorInfo;
  /** PCA components; 0 or undefined keeps the centred raw dimensions. */
  pca?: number;
  /** With pca: spectral exponent of the component weights (0 or undefined: plain PCA). */
  spectral?: number;
  encoding: MatrixEncoding;
  /** The catalog's `name`: a reader refuses the file for another catalog. */
  catalog?: string;
  createdBy?: string;
}

/** What the meta of a catalog feature file holds besides the embedding space. */
interface CatalogFeatureMeta {
  space?: unknown;
  attributes?: ExtractorInfo;
  catalog?: string;
}

export function buildCatalogFeatureFile(images: readonly ExtractedImage[], options: CatalogFeatureOptions): { bytes: Uint8Array; space: EmbeddingSpace } {
  if (images.length < 2) throw new Error(`Only ${images.length} images could be processed: need at least two.`);
  const space = fitSpace(options.base, images.map((r) => r.embedding), options.pca && options.pca > 0 ? options.pca : undefined, options.spectral ?? 0);
  const dims = space.info.dims;
  const embedding = new Float32Array(images.length * dims);
  images.forEach((r, i) => embedding.set(projectEmbedding(space, r.embedding), i * dims));
  const stack = (pick: (a: ImageAttributes) => Float32Array) => {
    const d = pick(images[0]!.attributes).length;
    const m = new Float32Array(images.length * d);
    images.forEach((r, i) => m.set(pick(r.attributes), i * d));
    return { dims: d, data: m, encoding: 'float16' as const };
  };
  const meta: CatalogFeatureMeta & Record<string, unknown> = {
    space: spaceToMeta(space),
    attributes: options.attributes,
    ...(options.catalog !== undefined ? { catalog: options.catalog } : {}),
    createdBy: options.createdBy ?? 'npm run features',
  };
  const bytes = encodeFeatureFile({
    extractor: space.info,
    ids: images.map((r) => r.id),
    matrices: {
      embedding: { dims, data: embedding, encoding: options.encoding },
      colorHistogram: stack((a) => a.colorHistogram),
      texture: stack((a) => a.texture),
      shape: stack((a) => a.shape),
    },
    items: images.map((r) => ({ colors: r.attributes.colors, aspectRatio: r.attributes.aspectRatio, foreground: r.attributes.foreground })),
    meta,
  });
  return { bytes, space };
}

export interface CatalogFeatureRow {
  /** The item's CNN vector in the file's space (centred, normalised, projected). */
  embedding: Float32Array;
  attributes: ImageAttributes;
}

export interface CatalogFeatures {
  space: EmbeddingSpace;
  /** Rows of the catalog's items found in the file (items the file lacks are absent). */
  rows: Map<string, CatalogFeatureRow>;
}

const label = (i: ExtractorInfo) => `${i.id}@${i.version} (${i.dims}-d)`;
const same = (a: ExtractorInfo, b: ExtractorInfo) => a.id === b.id && a.version === b.version && a.dims === b.dims;

/**
 * Reads a catalog feature file for the catalog `expected.catalog` with item ids `expected.ids`. Throws
 * FeatureFileError naming the mismatch when it was made by another CNN or attribute extractor (version) or
 * for another catalog: vectors of two extractors never mix.
 */
export function readCatalogFeatures(
  file: FeatureFile,
  expected: { base: ExtractorInfo; attributes: ExtractorInfo; catalog: string; ids: readonly string[] },
): CatalogFeatures {
  const meta = (file.meta ?? {}) as CatalogFeatureMeta;
  let space: EmbeddingSpace;
  try {
    space = spaceFromMeta(meta.space);
  } catch (err) {
    const why = err instanceof RangeError && meta.space !== undefined ? err.message : `made by ${label(file.extractor)} without an embedding space, not by \`npm run features\``;
    throw new FeatureFileError(why);
  }
  if (!same(space.base, expected.base)) throw new FeatureFileError(`made by ${label(space.base)}; this version runs ${label(expected.base)}`);
  if (!same(space.info, file.extractor)) throw new FeatureFileError(`its vectors (${label(file.extractor)}) do not match its space (${label(space.info)})`);
  if (!meta.attributes) throw new FeatureFileError('made before attribute versions were recorded');
  if (!same(meta.attributes, expected.attributes)) throw new FeatureFileError(`its attributes were made by ${label(meta.attributes)}; this version runs ${label(expected.attributes)}`);
  if (meta.catalog !== undefined && meta.catalog !== expected.catalog) throw new FeatureFileError(`made for the catalog "${meta.catalog}", not "${expected.catalog}"`);
  const emb = file.matrices.embedding;
  if (!emb || emb.dims !== file.extractor.dims) throw new FeatureFileError(`no ${file.extractor.dims}-d embedding matrix`);
  const wanted = new Set(expected.ids);
  const rows = new Map<string, CatalogFeatureRow>();
  file.ids.forEach((id, r) => {
    if (!wanted.has(id)) return;
    const attributes = attributesAt(file, r);
    if (attributes && attributes.colorHistogram.length > 0) rows.set(id, { embedding: matrixRow(emb, r), attributes });
  });
  if (rows.size === 0) throw new FeatureFileError(`none of its ${file.ids.length} ids is in the catalog "${expected.catalog}" (made for another catalog)`);
  return { space, rows };
}
