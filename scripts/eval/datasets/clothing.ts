import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import sharp from 'sharp';
import { createTriples, IdIndex, type Triples } from '../../../src/core/data';
import { createMatrix, type Matrix } from '../../../src/core/linalg';
import { decodeFeatureFile } from '../../../src/features/feature-file';

/**
 * The clothing dataset (Grigorev, CC0): one photo per garment, its contributor and a human category label.
 * Labels Skip / Not sure / Other are dropped; contributors with fewer than 5 labelled items are dropped.
 */
export interface Clothing {
  items: IdIndex;
  contributors: IdIndex;
  /** Per item (row order of `items`). */
  labels: string[];
  contributorOf: Int32Array;
  /** (contributor, item) pairs, value 1. */
  wardrobes: Triples;
}

const DROPPED = new Set(['Skip', 'Not sure', 'Other']);

export function loadClothing(assets: string, minItems = 5): Clothing {
  const lines = readFileSync(resolve(assets, 'clothing-dataset/images.csv'), 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((l) => l.trim().split(',')).filter((r) => r.length >= 3 && !DROPPED.has(r[2]));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r[1], (counts.get(r[1]) ?? 0) + 1);
  const kept = rows.filter((r) => (counts.get(r[1]) ?? 0) >= minItems);
  const items = new IdIndex(), contributors = new IdIndex();
  const labels: string[] = [], cOf: number[] = [];
  for (const [image, sender, label] of kept) {
    items.add(image);
    labels.push(label);
    cOf.push(contributors.add(sender));
  }
  const contributorOf = Int32Array.from(cOf);
  return { items, contributors, labels, contributorOf, wardrobes: createTriples(contributorOf, Int32Array.from(cOf, (_, i) => i)) };
}

export interface VisualFeatures {
  matrix: Matrix;
  /** What the vectors are, stated next to every number. */
  source: string;
}

/**
 * Item image features. Prefers the MobileNetV2 feature file from `npm run features` (GLIMPSE_FEATURES or
 * the known output paths); until it exists, falls back to 16x16 RGB thumbnails (768-d, a weak but real
 * visual signal), cached under .cache/eval/.
 */
export async function loadClothingFeatures(root: string, assets: string, c: Clothing, log: (l: string) => void): Promise<VisualFeatures> {
  const candidates = [process.env.GLIMPSE_FEATURES, resolve(root, 'public/generated/features/clothing.glff'), resolve(root, '.cache/features/clothing.glff'), resolve(root, 'public/generated/clothing-features.bin')].filter(
    (p): p is string => !!p && existsSync(p),
  );
  for (const path of candidates) {
    const file = decodeFeatureFile(new Uint8Array(readFileSync(path)));
    const emb = file.matrices.embedding;
    if (!emb) continue;
    const index = new Map(file.ids.map((id, r) => [id.replace(/\.jpg$/, ''), r]));
    const m = createMatrix(c.items.size, emb.dims);
    let missing = 0;
    c.items.ids.forEach((id, i) => {
      const r = index.get(id);
      if (r === undefined) missing++;
      else m.data.set(emb.data.subarray(r * emb.dims, (r + 1) * emb.dims), i * emb.dims);
    });
    if (missing > c.items.size / 10) {
      log(`feature file ${path} lacks ${missing} items; ignoring it`);
      continue;
    }
    return { matrix: m, source: `${file.extractor.id} v${file.extractor.version} (${emb.dims}-d)` };
  }
  return thumbnailFeatures(root, assets, c, log);
}

async function thumbnailFeatures(root: string, assets: string, c: Clothing, log: (l: string) => void): Promise<VisualFeatures> {
  const side = 16, dims = side * side * 3;
  const cache = resolve(root, `.cache/eval/clothing-thumb${side}-${c.items.size}.f32`);
  const m = createMatrix(c.items.size, dims);
  if (existsSync(cache)) {
    const buf = readFileSync(cache);
    m.data.set(new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4));
  } else {
    log(`computing ${side}x${side} thumbnails for ${c.items.size} photos (no MobileNetV2 feature file yet; cached afterwards)`);
    const ids = c.items.ids;
    const batch = 16;
    for (let start = 0; start < ids.length; start += batch) {
      await Promise.all(
        ids.slice(start, start + batch).map(async (id, k) => {
          const raw = await sharp(resolve(assets, 'clothing-dataset/images', `${id}.jpg`))
            .resize(side, side, { fit: 'cover' })
            .removeAlpha()
            .raw()
            .toBuffer();
          for (let d = 0; d < dims; d++) m.data[(start + k) * dims + d] = raw[d] / 255;
        }),
      );
    }
    mkdirSync(dirname(cache), { recursive: true });
    writeFileSync(cache, new Uint8Array(m.data.buffer));
  }
  return { matrix: m, source: `raw ${side}x${side} RGB thumbnails (${dims}-d; fallback until the MobileNetV2 feature file lands)` };
}
