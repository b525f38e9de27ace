import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCatalogFeatureFile } from '../../src/features/catalog-features';
import type { MatrixEncoding } from '../../src/features/feature-file';
import { ATTRIBUTES_EXTRACTOR } from '../../src/features/attributes';
import type { ImageAttributes } from '../../src/features/contract';
import { readLabelledFolder, type LabelledImage } from './dataset';
import { MOBILENET_EXTRACTOR } from '../../src/engine/extract/extractor';
import { extractInParallel, runShard, type RawResult } from './parallel';
import { featureStamp, readStamp, stampPath } from './stamp';

/**
 * `npm run features`: precomputes a Glimpse feature file (GLFF) so the browser need not extract.
 *   (no args)                         demo catalog -> public/generated/catalog/features.glff (PCA 64, float16)
 *                                     and sets the catalog's `features` field to it
 *   --catalog <catalog.json> [--out f] [--pca k|0] [--spectral e] [--encoding float16|int8]   any catalog (images relative
 *                                     to it; the catalog file is left as is): `npm run features:tiny`
 *   --images <dir> --labels <csv> --out <file>                                    any labelled folder
 * Skips the work when the stamp beside the output (extractor versions, extraction sources, model, options,
 * images) matches; otherwise extracts in up to 2 processes (GLIMPSE_FEATURE_PROCS). Progress goes to stderr.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const DEMO_CATALOG = resolve(ROOT, 'public/generated/catalog/catalog.json');

interface Job {
  images: LabelledImage[];
  out: string;
  pca: number;
  /** Spectral exponent of the PCA component weights (src/features/embedding-space.ts); absent: plain PCA. */
  spectral?: number;
  encoding: MatrixEncoding;
  /** Catalog to point at the file, when there is one. */
  catalog?: string;
  /** The catalog's name, recorded in the file so a reader refuses it for another catalog. */
  catalogName?: string;
}

function catalogJob(
  catalogPath: string,
  out: string | undefined,
  pca: number,
  encoding: MatrixEncoding,
  pointCatalog: boolean,
): Job {
  const catalog = JSON.parse(readFileSync(catalogPath, 'utf8')) as {
    name?: string;
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
    ...(typeof catalog.name === 'string' ? { catalogName: catalog.name } : {}),
    ...(pointCatalog ? { catalog: catalogPath } : {}),
  };
}

function stampOf(job: Job): string {
  return featureStamp({
    root: ROOT,
    images: job.images,
    options: { pca: job.pca, ...(job.spectral ? { spectral: job.spectral } : {}), encoding: job.encoding, out: relative(ROOT, job.out), catalog: job.catalogName ?? null },
  });
}

/** Up to date = the stamp beside the output names the same extractor, sources, options and images. */
function upToDate(job: Job, stamp: string): boolean {
  return existsSync(job.out) && readStamp(job.out) === stamp;
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

/** How many extraction processes: GLIMPSE_FEATURE_PROCS, else one per core up to 2 (wasm is single-threaded). */
function processCount(images: number): number {
  const asked = Number(process.env.GLIMPSE_FEATURE_PROCS);
  const n = Number.isInteger(asked) && asked > 0 ? asked : Math.min(2, availableParallelism());
  return Math.max(1, Math.min(n, Math.floor(images / 16) || 1));
}

async function run(job: Job): Promise<void> {
  const stamp = stampOf(job);
  if (upToDate(job, stamp)) {
    process.stderr.write(`features: ${relative(ROOT, job.out)} is up to date (${job.images.length} images)\n`);
    if (job.catalog) pointCatalogAt(job.catalog, job.out);
    return;
  }
  const started = performance.now();
  const procs = processCount(job.images.length);
  process.stderr.write(`features: extracting ${job.images.length} images in ${procs} process(es)\n`);
  const results = await extractInParallel(job.images, procs, resolve(import.meta.dirname, 'index.ts'));
  const ok = results.filter(
    (r): r is RawResult & { attributes: ImageAttributes } => !!r.embedding && !!r.attributes,
  );
  for (const r of results) if (!r.embedding || !r.attributes) process.stderr.write(`  skipped ${r.id}: ${r.error ?? 'no attributes'}\n`);
  const { bytes, space } = buildCatalogFeatureFile(
    ok.map((r) => ({ id: r.id, embedding: r.embedding!, attributes: r.attributes })),
    { base: MOBILENET_EXTRACTOR, attributes: ATTRIBUTES_EXTRACTOR, pca: job.pca, ...(job.spectral ? { spectral: job.spectral } : {}), encoding: job.encoding, ...(job.catalogName !== undefined ? { catalog: job.catalogName } : {}) },
  );
  const dims = space.info.dims;
  writeFileSync(job.out, bytes);
  writeFileSync(stampPath(job.out), stamp + '\n');
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `features: wrote ${relative(ROOT, job.out)} (${ok.length} items, ${dims}-d ${job.encoding}, ${(bytes.length / 1024).toFixed(0)} KB) in ${seconds.toFixed(1)} s (${(job.images.length / seconds).toFixed(1)} img/s)\n`,
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
      spectral: { type: 'string' },
      encoding: { type: 'string' },
      shard: { type: 'string' },
    },
  });
  if (values.shard) return runShard(values.shard);
  const pca = values.pca === undefined ? 64 : Number(values.pca);
  const encoding = (values.encoding ?? 'float16') as MatrixEncoding;
  if (!Number.isInteger(pca) || pca < 0) throw new Error(`--pca must be a non-negative integer, got ${values.pca}`);
  const spectral = values.spectral === undefined ? 0 : Number(values.spectral);
  if (!Number.isFinite(spectral)) throw new Error(`--spectral must be a number (e.g. 0.25), got ${values.spectral}`);
  if (!['float32', 'float16', 'int8'].includes(encoding)) throw new Error(`--encoding: ${encoding}?`);
  let job: Job;
  if (values.images || values.labels) {
    if (!values.images || !values.labels || !values.out)
      throw new Error('Folder mode needs --images <dir> --labels <csv> --out <file>.');
    const { images, missing } = readLabelledFolder(values.images, values.labels);
    if (missing.length) process.stderr.write(`features: ${missing.length} labelled images not found (skipped)\n`);
    job = { images, out: resolve(values.out), pca, encoding };
  } else {
    const catalog = resolve(values.catalog ?? DEMO_CATALOG);
    if (!existsSync(catalog)) throw new Error(`${catalog} not found: run npm run setup first.`);
    // Only the demo catalog (generated, gitignored) is rewritten to name its file; a committed catalog is not.
    job = catalogJob(catalog, values.out && resolve(values.out), pca, encoding, !values.catalog);
  }
  await run(spectral !== 0 ? { ...job, spectral } : job);
}

main().catch((e: unknown) => {
  process.stderr.write(`features: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
