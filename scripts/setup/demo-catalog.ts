import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Sharp } from 'sharp';
import { parseCatalog } from '../../src/core/catalog/validate';
import { CATALOG_SCHEMA_VERSION, type CatalogInput } from '../../src/core/catalog/schema';
import { assetRoot, readAsset, sha256, type AssetSpec } from './assets';
import { DEMO_LICENSE, DEMO_NOTICE, demoItem, labelledRows, parseClothingCsv, selectBalanced } from './clothing';

const COMMIT = '7ed86a9cc56763b6acb35e41cb35184e43a5d218';
const ORIGIN = `https://raw.githubusercontent.com/alexeygrigorev/clothing-dataset/${COMMIT}`;

export const CLOTHING_CSV: AssetSpec = {
  path: 'clothing-dataset/images.csv',
  sha256: '35f08c1442351037b262cc7398368c9cacfb6d8e6a013780f7f2211ab856cb34',
  origin: `${ORIGIN}/images.csv`,
};

/** No per-photo hashes are published; a downloaded photo must at least decode (sharp throws otherwise). */
const photoAsset = (id: string): AssetSpec => ({
  path: `clothing-dataset/images/${id}.jpg`,
  origin: `${ORIGIN}/images/${id}.jpg`,
});

/** Output encodings. Changing them changes IMAGE_KEY, which regenerates every image. */
const IMAGE_SETTINGS = {
  thumbnail: { size: 256, format: 'webp', quality: 70, effort: 2 },
  image: { shortSide: 448, format: 'jpeg', quality: 82 },
} as const;
/** Bump when the catalog metadata derivation changes. */
const GENERATOR_VERSION = 2;

export const DEFAULT_CATALOG_SIZE = 1000;
export const DEFAULT_CATALOG_SEED = 42;

/** Where the dataset comes from; the default reads the asset folder (or downloads, verified). */
export interface ClothingSource {
  /** images.csv bytes and the hash that identifies them (part of the idempotency key). */
  csv(): Promise<{ bytes: Uint8Array; sha256: string }>;
  photo(id: string): Promise<Uint8Array>;
  /** Ids with a photo, when knowable up front (a few CSV rows have none); undefined = try them all. */
  available(): Set<string> | undefined;
}

export const assetClothingSource: ClothingSource = {
  async csv() {
    return { bytes: await readAsset(CLOTHING_CSV), sha256: CLOTHING_CSV.sha256! };
  },
  photo: (id) => readAsset(photoAsset(id)),
  available() {
    const dir = resolve(assetRoot(), 'clothing-dataset/images');
    if (!existsSync(dir)) return undefined;
    return new Set(readdirSync(dir).filter((f) => f.endsWith('.jpg')).map((f) => f.slice(0, -4)));
  },
};

export interface DemoCatalogOptions {
  size: number;
  seed: number;
  /** Folder that receives catalog.json, images/ and thumbs/ (public/generated/catalog). */
  outDir: string;
  source?: ClothingSource;
  log?: (line: string) => void;
}

export interface DemoCatalogResult {
  items: number;
  /** True when the manifest matched and nothing was done. */
  skipped: boolean;
  /** Photos encoded in this run (the others were reused). */
  written: number;
}

interface Manifest {
  key: string;
  imageKey: string;
  items: number;
}

export function optionsFromEnv(outDir: string): DemoCatalogOptions {
  const size = Number(process.env.GLIMPSE_CATALOG_SIZE ?? DEFAULT_CATALOG_SIZE);
  const seed = Number(process.env.GLIMPSE_CATALOG_SEED ?? DEFAULT_CATALOG_SEED);
  if (!Number.isInteger(size) || size < 1) throw new Error(`GLIMPSE_CATALOG_SIZE must be a positive integer, got "${process.env.GLIMPSE_CATALOG_SIZE}"`);
  if (!Number.isInteger(seed)) throw new Error(`GLIMPSE_CATALOG_SEED must be an integer, got "${process.env.GLIMPSE_CATALOG_SEED}"`);
  return { size, seed, outDir };
}

async function writeImages(source: Sharp, imageOut: string, thumbOut: string): Promise<void> {
  const { image, thumbnail } = IMAGE_SETTINGS;
  await Promise.all([
    source
      .clone()
      .resize(image.shortSide, image.shortSide, { fit: 'outside', withoutEnlargement: true })
      .jpeg({ quality: image.quality })
      .toFile(imageOut),
    source
      .clone()
      .resize(thumbnail.size, thumbnail.size, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: thumbnail.quality, effort: thumbnail.effort })
      .toFile(thumbOut),
  ]);
}

function readManifest(path: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/**
 * Generates public/generated/catalog: catalog.json (validated), images/<id>.jpg and thumbs/<id>.webp.
 * Idempotent: a manifest keyed by every input (CSV hash, size, seed, encodings) makes a repeat run a no-op;
 * images already written with the same encodings are reused when only the size or seed changes.
 */
export async function generateDemoCatalog(options: DemoCatalogOptions): Promise<DemoCatalogResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { outDir, source = assetClothingSource } = options;
  const csv = await source.csv();
  const imageKey = sha256(new TextEncoder().encode(JSON.stringify(IMAGE_SETTINGS)));
  const key = sha256(
    new TextEncoder().encode(
      JSON.stringify({ GENERATOR_VERSION, CATALOG_SCHEMA_VERSION, size: options.size, seed: options.seed, csv: csv.sha256, imageKey }),
    ),
  );
  const manifestPath = resolve(outDir, 'manifest.json');
  const catalogPath = resolve(outDir, 'catalog.json');
  const previous = readManifest(manifestPath);
  const imagesDir = resolve(outDir, 'images');
  const thumbsDir = resolve(outDir, 'thumbs');
  const fileCount = (dir: string) => (existsSync(dir) ? readdirSync(dir).length : -1);
  if (
    previous?.key === key &&
    existsSync(catalogPath) &&
    fileCount(imagesDir) === previous.items &&
    fileCount(thumbsDir) === previous.items
  ) {
    return { items: previous.items, skipped: true, written: 0 };
  }
  if (previous?.imageKey !== imageKey) {
    rmSync(imagesDir, { recursive: true, force: true });
    rmSync(thumbsDir, { recursive: true, force: true });
  }
  mkdirSync(imagesDir, { recursive: true });
  mkdirSync(thumbsDir, { recursive: true });

  let rows = labelledRows(parseClothingCsv(new TextDecoder().decode(csv.bytes)));
  // With the local mirror we know which photos exist (a few CSV rows have none); pick only those.
  const present = source.available();
  if (present) rows = rows.filter((r) => present.has(r.image));
  if (options.size > rows.length) log(`setup: GLIMPSE_CATALOG_SIZE=${options.size} exceeds the ${rows.length} labelled photos; using all`);
  const selected = selectBalanced(rows, options.size, options.seed);
  log(`setup: demo catalog: ${selected.length} of ${rows.length} labelled photos (seed ${options.seed})`);

  // Loaded only when there is work: a repeat run must stay well under a second.
  const { default: sharp } = await import('sharp');
  sharp.concurrency(1); // one libvips thread per image; parallelism comes from the pool below
  const workers = Math.max(1, Math.min(4, availableParallelism()));
  const failed = new Set<string>();
  let next = 0;
  let done = 0;
  let written = 0;
  let lastLog = Date.now();
  const started = Date.now();
  const work = async (): Promise<void> => {
    while (next < selected.length) {
      const row = selected[next++];
      const imageOut = resolve(imagesDir, `${row.image}.jpg`);
      const thumbOut = resolve(thumbsDir, `${row.image}.webp`);
      if (!existsSync(imageOut) || !existsSync(thumbOut)) {
        try {
          // rotate() applies EXIF orientation, so browsers and the feature extractor see the same pixels.
          const photo = sharp(await source.photo(row.image), { failOn: 'error' }).rotate();
          await writeImages(photo, imageOut, thumbOut);
          written++;
        } catch (err) {
          failed.add(row.image);
          rmSync(imageOut, { force: true });
          rmSync(thumbOut, { force: true });
          log(`setup: skipping photo ${row.image}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      done++;
      if (Date.now() - lastLog > 2000) {
        lastLog = Date.now();
        log(`setup: images ${done}/${selected.length} (${Math.round((done / ((Date.now() - started) / 1000)) * 10) / 10}/s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, work));
  if (written) log(`setup: wrote ${written} images + thumbnails in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const kept = selected.filter((r) => !failed.has(r.image));
  const keep = new Set(kept.map((r) => r.image));
  // Drop images of items no longer selected, so the folder (and any precache list) matches the catalog.
  for (const [dir, ext] of [[imagesDir, '.jpg'], [thumbsDir, '.webp']] as const) {
    for (const file of readdirSync(dir)) {
      if (!keep.has(file.slice(0, -ext.length)) || !file.endsWith(ext)) rmSync(resolve(dir, file), { force: true });
    }
  }

  const input: CatalogInput = {
    schemaVersion: CATALOG_SCHEMA_VERSION,
    name: 'Glimpse demo shop',
    demo: true,
    notice: DEMO_NOTICE,
    license: DEMO_LICENSE,
    items: kept.map((row) =>
      demoItem(row, { seed: options.seed, imagePath: (id) => `images/${id}.jpg`, thumbnailPath: (id) => `thumbs/${id}.webp` }),
    ),
  };
  const catalog = parseCatalog(input); // never write a catalog the app would reject
  writeFileSync(catalogPath, JSON.stringify(catalog));
  writeFileSync(manifestPath, JSON.stringify({ key, imageKey, items: catalog.items.length } satisfies Manifest, null, 2));
  return { items: catalog.items.length, skipped: false, written };
}
