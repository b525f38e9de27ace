import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fitSpace, projectEmbedding, spaceToMeta } from '../../src/features/embedding-space';
import { encodeFeatureFile, type MatrixEncoding } from '../../src/features/feature-file';
import type { ImageAttributes } from '../../src/features/contract';
import { readLabelledFolder, type LabelledImage } from './dataset';
import { extractFiles, loadNodeExtractor } from './node-extractor';

/**
 * `npm run features`: precomputes a Glimpse feature file (GLFF) so the browser need not extract.
 *   (no args)                         demo catalog -> public/generated/catalog/features.glff (PCA 64, float16)
 *                                     and sets the catalog's `features` field to it
 *   --catalog <catalog.json> [--out f] [--pca k|0] [--encoding float16|int8]   any catalog (images relative
 *                                     to it; the catalog file is left as is): `npm run features:tiny`
 *   --images <dir> --labels <csv> --out <file>                                    any labelled folder
 * Skips the work when the output is newer than every input. Progress goes to stderr.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const DEMO_CATALOG = resolve(ROOT, 'public/generated/catalog/catalog.json');

interface Job {
  images: LabelledImage[];
  out: string;
  pca: number;
  encoding: MatrixEncoding;
  /** Catalog to point at the file, when there is one. */
  catalog?: string;
  inputs: string[];
}

function catalogJob(
  catalogPath: string,
  out: string | undefined,
  pca: number,
  encoding: MatrixEncoding,
  pointCatalog: boolean,
): Job {
  const catalog = JSON.parse(readFileSync(catalogPath, 'utf8')) as {
    items: { id: string; image: string; category?: string }[];
  };
  const base = dirname(catalogPath);
  const images = catalog.items.map((i) => ({ id: i.id, label: i.category ?? '', path: resolve(base, i.image) }));
  const missing = images.filter((i) => !existsSync(i.path));
  if (missing.length) throw new Error(`${missing.length} catalog images are missing, e.g. ${missing[0]!.path}`);
  return {
    images,
    out: out ?? resolve(base, 'features.glff'),
    pca,
    encoding,
    ...(pointCatalog ? { catalog: catalogPath } : {}),
    inputs: [catalogPath, ...images.map((i) => i.path)],
  };
}

function upToDate(job: Job): boolean {
  if (!existsSync(job.out)) return false;
  const t = statSync(job.out).mtimeMs;
  // The catalog file itself is rewritten below (features field) after the output: compare images only.
  return job.inputs.slice(1).every((p) => statSync(p).mtimeMs <= t);
}

function pointCatalogAt(catalogPath: string, out: string): void {
  const text = readFileSync(catalogPath, 'utf8');
  const catalog = JSON.parse(text) as Record<string, unknown>;
  const rel = relative(dirname(catalogPath), out).split('\\').join('/');
  if (catalog.features === rel) return;
  catalog.features = rel;
  writeFileSync(catalogPath, JSON.stringify(catalog, null, 1) + '\n');
  process.stderr.write(`features: ${relative(ROOT, catalogPath)} now names ${rel}\n`);
}

async function run(job: Job): Promise<void> {
  if (upToDate(job)) {
    process.stderr.write(`features: ${relative(ROOT, job.out)} is up to date (${job.images.length} images)\n`);
    if (job.catalog) pointCatalogAt(job.catalog, job.out);
    return;
  }
  const extractor = await loadNodeExtractor();
  process.stderr.write(`features: extracting ${job.images.length} images on ${extractor.backend.chosen}\n`);
  const results = await extractFiles(extractor, job.images, { attributes: true });
  const ok = results.filter(
    (r): r is typeof r & { item: { ok: true; embedding: Float32Array }; attributes: ImageAttributes } =>
      r.item.ok && !!r.attributes,
  );
  for (const r of results) if (!r.item.ok) process.stderr.write(`  skipped ${r.item.id}: ${r.item.error.message}\n`);
  if (ok.length < 2) throw new Error(`Only ${ok.length} images could be processed: need at least two.`);
  const space = fitSpace(extractor.info, ok.map((r) => r.item.embedding), job.pca > 0 ? job.pca : undefined);
  const dims = space.info.dims;
  const embedding = new Float32Array(ok.length * dims);
  ok.forEach((r, i) => embedding.set(projectEmbedding(space, r.item.embedding), i * dims));
  const stack = (pick: (a: ImageAttributes) => Float32Array) => {
    const d = pick(ok[0]!.attributes).length;
    const m = new Float32Array(ok.length * d);
    ok.forEach((r, i) => m.set(pick(r.attributes), i * d));
    return { dims: d, data: m, encoding: 'float16' as const };
  };
  const bytes = encodeFeatureFile({
    extractor: space.info,
    ids: ok.map((r) => r.item.id),
    matrices: {
      embedding: { dims, data: embedding, encoding: job.encoding },
      colorHistogram: stack((a) => a.colorHistogram),
      texture: stack((a) => a.texture),
      shape: stack((a) => a.shape),
    },
    items: ok.map((r) => ({
      colors: r.attributes.colors,
      aspectRatio: r.attributes.aspectRatio,
      foreground: r.attributes.foreground,
    })),
    meta: { space: spaceToMeta(space), createdBy: 'npm run features' },
  });
  writeFileSync(job.out, bytes);
  process.stderr.write(
    `features: wrote ${relative(ROOT, job.out)} (${ok.length} items, ${dims}-d ${job.encoding}, ${(bytes.length / 1024).toFixed(0)} KB)\n`,
  );
  if (job.catalog) pointCatalogAt(job.catalog, job.out);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      images: { type: 'string' },
      labels: { type: 'string' },
      catalog: { type: 'string' },
      out: { type: 'string' },
      pca: { type: 'string' },
      encoding: { type: 'string' },
    },
  });
  const pca = values.pca === undefined ? 64 : Number(values.pca);
  const encoding = (values.encoding ?? 'float16') as MatrixEncoding;
  if (!Number.isInteger(pca) || pca < 0) throw new Error(`--pca must be a non-negative integer, got ${values.pca}`);
  if (!['float32', 'float16', 'int8'].includes(encoding)) throw new Error(`--encoding: ${encoding}?`);
  let job: Job;
  if (values.images || values.labels) {
    if (!values.images || !values.labels || !values.out)
      throw new Error('Folder mode needs --images <dir> --labels <csv> --out <file>.');
    const { images, missing } = readLabelledFolder(values.images, values.labels);
    if (missing.length) process.stderr.write(`features: ${missing.length} labelled images not found (skipped)\n`);
    job = { images, out: resolve(values.out), pca, encoding, inputs: [values.labels, ...images.map((i) => i.path)] };
  } else {
    const catalog = resolve(values.catalog ?? DEMO_CATALOG);
    if (!existsSync(catalog)) throw new Error(`${catalog} not found: run npm run setup first.`);
    // Only the demo catalog (generated, gitignored) is rewritten to name its file; a committed catalog is not.
    job = catalogJob(catalog, values.out && resolve(values.out), pca, encoding, !values.catalog);
  }
  await run(job);
}

main().catch((e: unknown) => {
  process.stderr.write(`features: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
