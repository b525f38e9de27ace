import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createTriples, IdIndex } from '../../../src/core/data';
import { createMatrix } from '../../../src/core/linalg';
import { MOBILENET_EXTRACTOR } from '../../../src/engine/extract/extractor';
import { decodeFeatureFile, encodeFeatureFile } from '../../../src/features/feature-file';
import { createRng, shuffle } from '../../../src/shared/random';
import type { Clothing, VisualFeatures } from './clothing';

/**
 * MobileNetV2 features of the clothing-wardrobe photos for the clothing and taste suites, cached in a
 * gitignored feature file (.cache/eval/clothing-mobilenet-v2.glff, raw 1280-d GAP embeddings, float32).
 *
 * Extracting all 4,772 wardrobe photos in Node runs at about 6.5 images/s on one free core (12+ min, much
 * more on a shared box), so `npm run eval:features` fills the cache in a fixed order: first a seeded
 * subset stratified by contributor (every contributor keeps max(5, round(f x n)) of its n photos, f chosen
 * so the subset has about 1,500 photos: all 153 wardrobes survive with >= 5 items, big wardrobes shrink
 * most), then every other photo. The suites use the full set when the cache holds it, else the subset.
 */
export const SUBSET_TARGET = 1500;
export const SUBSET_SEED = 1;
const CACHE = '.cache/eval/clothing-mobilenet-v2.glff';

export function cachePath(root: string): string {
  return resolve(root, process.env.GLIMPSE_CLOTHING_CACHE ?? CACHE);
}

/** Item indices (sorted) of the contributor-stratified subset; `keep(n)` = max(5, round(f n)). */
export function stratifiedSubset(c: Clothing, target = SUBSET_TARGET, seed = SUBSET_SEED): number[] {
  const byContributor: number[][] = Array.from({ length: c.contributors.size }, () => []);
  c.contributorOf.forEach((u, i) => byContributor[u].push(i));
  const keep = (f: number, n: number) => Math.min(n, Math.max(5, Math.round(f * n)));
  const total = (f: number) => byContributor.reduce((s, items) => s + keep(f, items.length), 0);
  let lo = 0,
    hi = 1;
  for (let it = 0; it < 40; it++) {
    const mid = (lo + hi) / 2;
    if (total(mid) < target) lo = mid;
    else hi = mid;
  }
  const rng = createRng(seed);
  const out: number[] = [];
  for (const items of byContributor) out.push(...shuffle([...items], rng).slice(0, keep(hi, items.length)));
  return out.sort((a, b) => a - b);
}

/** Extraction order: the subset first, then the rest (seeded), so a partial cache is still useful. */
export function extractionOrder(c: Clothing): number[] {
  const subset = stratifiedSubset(c);
  const inSubset = new Set(subset);
  const rest = shuffle(
    Array.from({ length: c.items.size }, (_, i) => i).filter((i) => !inSubset.has(i)),
    createRng(SUBSET_SEED + 1),
  );
  return [...subset, ...rest];
}

/** Reads the cache: photo id -> raw embedding. Empty when absent or written by another extractor version. */
export function readCache(path: string): Map<string, Float32Array> {
  const map = new Map<string, Float32Array>();
  if (!existsSync(path)) return map;
  const file = decodeFeatureFile(new Uint8Array(readFileSync(path)));
  if (file.extractor.id !== MOBILENET_EXTRACTOR.id || file.extractor.version !== MOBILENET_EXTRACTOR.version) return map;
  const e = file.matrices.embedding;
  if (!e) return map;
  file.ids.forEach((id, r) => map.set(id, e.data.slice(r * e.dims, (r + 1) * e.dims)));
  return map;
}

export function writeCache(path: string, map: Map<string, Float32Array>): void {
  const ids = [...map.keys()];
  const dims = MOBILENET_EXTRACTOR.dims;
  const data = new Float32Array(ids.length * dims);
  ids.forEach((id, r) => data.set(map.get(id)!, r * dims));
  mkdirSync(dirname(path), { recursive: true });
  // Write then rename: an interrupted run never leaves a truncated cache behind.
  writeFileSync(`${path}.tmp`, encodeFeatureFile({ extractor: MOBILENET_EXTRACTOR, ids, matrices: { embedding: { dims, data, encoding: 'float32' } }, meta: { createdBy: 'npm run eval:features' } }));
  renameSync(`${path}.tmp`, path);
}

/** The wardrobes restricted to some items (contributor indices renumbered; all contributors kept). */
export function restrictClothing(c: Clothing, keep: readonly number[]): Clothing {
  const items = new IdIndex(keep.map((i) => c.items.ids[i]));
  const contributorOf = Int32Array.from(keep, (i) => c.contributorOf[i]);
  return {
    items,
    contributors: c.contributors,
    labels: keep.map((i) => c.labels[i]),
    contributorOf,
    wardrobes: createTriples(contributorOf, Int32Array.from(keep, (_, k) => k)),
  };
}

/**
 * The clothing set with MobileNetV2 features from the cache: the full set when every photo is cached,
 * else the stratified subset; undefined when not even the subset is cached.
 */
export function cachedClothing(root: string, c: Clothing): { clothing: Clothing; features: VisualFeatures } | undefined {
  const cache = readCache(cachePath(root));
  const all = Array.from({ length: c.items.size }, (_, i) => i);
  const full = all.every((i) => cache.has(c.items.ids[i]));
  const subset = full ? all : stratifiedSubset(c);
  if (!subset.every((i) => cache.has(c.items.ids[i]))) return undefined;
  const clothing = full ? c : restrictClothing(c, subset);
  const dims = MOBILENET_EXTRACTOR.dims;
  const matrix = createMatrix(clothing.items.size, dims);
  clothing.items.ids.forEach((id, r) => matrix.data.set(cache.get(id)!, r * dims));
  const what = full ? `all ${c.items.size} photos` : `contributor-stratified subset of ${subset.length}/${c.items.size} photos (seed ${SUBSET_SEED})`;
  return { clothing, features: { matrix, source: `mobilenet-v2 GAP 1280-d, ${what}` } };
}
