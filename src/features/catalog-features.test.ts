import { describe, expect, it } from 'vitest';
import { buildCatalogFeatureFile, readCatalogFeatures, type ExtractedImage } from './catalog-features';
import { decodeFeatureFile, FeatureFileError } from './feature-file';
import { projectEmbedding } from './embedding-space';
import type { ExtractorInfo } from './contract';

const base: ExtractorInfo = { id: 'cnn', version: 3, dims: 6 };
const attributes: ExtractorInfo = { id: 'attrs', version: 2, dims: 4 };
const image = (id: string, k: number): ExtractedImage => ({
  id,
  embedding: Float32Array.from({ length: 6 }, (_, j) => 5 + Math.sin(k * 7 + j * 3)),
  attributes: {
    colors: [{ name: k % 2 ? 'red' : 'blue', hex: '#000000', weight: 1 }],
    colorHistogram: Float32Array.from([k, 1, 0]), texture: Float32Array.from([1, k]), shape: Float32Array.from([k % 3]),
    aspectRatio: 1, foreground: 0.5,
  },
});
const images = ['a', 'b', 'c', 'd', 'e'].map(image);
const build = (pca?: number) => buildCatalogFeatureFile(images, { base, attributes, pca, encoding: 'float32', catalog: 'Shop' });
const expected = { base, attributes, catalog: 'Shop', ids: ['a', 'b', 'c', 'd', 'e', 'new'] };

describe('catalog feature files (npm run features <-> browser)', () => {
  it('round-trips the rows, the attributes and the space a reader projects new images with', () => {
    const { bytes, space } = build(3);
    const read = readCatalogFeatures(decodeFeatureFile(bytes), expected);
    expect(read.space.info).toEqual({ id: 'cnn+centred+pca3', version: 3, dims: 3 });
    expect([...read.rows.keys()]).toEqual(['a', 'b', 'c', 'd', 'e']);
    // A new image projected in the reader's space lands where the writer put the same image (float16 meta).
    const row = read.rows.get('c')!;
    const projected = projectEmbedding(read.space, images[2].embedding);
    projected.forEach((x, j) => expect(x).toBeCloseTo(row.embedding[j], 2));
    projectEmbedding(space, images[2].embedding).forEach((x, j) => expect(x).toBeCloseTo(row.embedding[j], 5));
    expect(row.attributes.colors[0].name).toBe('blue');
    expect([...row.attributes.texture]).toEqual([1, 2]);
  });

  it('a spectrally weighted space (--spectral) has its own id and projects new images as the writer did', () => {
    const { bytes, space } = buildCatalogFeatureFile(images, { base, attributes, pca: 3, spectral: 0.25, encoding: 'float32', catalog: 'Shop' });
    const read = readCatalogFeatures(decodeFeatureFile(bytes), expected);
    expect(read.space.info).toEqual({ id: 'cnn+centred+pca3+spectral0.25', version: 3, dims: 3 });
    expect(space.exponent).toBe(0.25);
    const row = read.rows.get('d')!;
    projectEmbedding(read.space, images[3].embedding).forEach((x, j) => expect(x).toBeCloseTo(row.embedding[j], 2));
    // It differs from the plain PCA space of the same catalog.
    const plain = readCatalogFeatures(decodeFeatureFile(build(3).bytes), expected).rows.get('d')!;
    expect(Math.max(...row.embedding.map((x, j) => Math.abs(x - plain.embedding[j])))).toBeGreaterThan(1e-3);
  });

  it('refuses a file from another CNN or attribute version, or for another catalog, naming the mismatch', () => {
    const file = decodeFeatureFile(build().bytes);
    const refuse = (e: Partial<typeof expected>) => () => readCatalogFeatures(file, { ...expected, ...e });
    expect(refuse({ base: { ...base, version: 4 } })).toThrow(FeatureFileError);
    expect(refuse({ base: { ...base, version: 4 } })).toThrow(/made by cnn@3 \(6-d\); this version runs cnn@4/);
    expect(refuse({ attributes: { ...attributes, version: 3 } })).toThrow(/attributes were made by attrs@2/);
    expect(refuse({ catalog: 'Other shop' })).toThrow(/made for the catalog "Shop", not "Other shop"/);
    const anonymous = decodeFeatureFile(buildCatalogFeatureFile(images, { base, attributes, encoding: 'float32' }).bytes);
    expect(() => readCatalogFeatures(anonymous, { ...expected, ids: ['x', 'y'] })).toThrow(/none of its 5 ids/);
    const legacy = { ...file, meta: { space: file.meta!.space } };
    expect(() => readCatalogFeatures(legacy, expected)).toThrow(/before attribute versions/);
    // Spectral weights without their exponent: refused, naming why.
    const weighted = decodeFeatureFile(buildCatalogFeatureFile(images, { base, attributes, pca: 3, spectral: 0.25, encoding: 'float32', catalog: 'Shop' }).bytes);
    const space = weighted.meta!.space as { pca: Record<string, unknown> };
    const broken = { ...weighted, meta: { ...weighted.meta, space: { ...space, pca: { ...space.pca, exponent: undefined } } } };
    expect(() => readCatalogFeatures(broken, expected)).toThrow(FeatureFileError);
    expect(() => readCatalogFeatures(broken, expected)).toThrow(/spectral weights without their exponent/);
  });
});
