import { createRng, shuffle } from '../../src/shared/random';
import type { CatalogInput } from '../../src/core/catalog/schema';

/**
 * Pure part of the demo catalog: parse the clothing dataset's images.csv, pick a balanced seeded subset
 * and derive demo metadata. The photos are real (CC0); titles, prices and stock are generated and the
 * catalog says so.
 */
export interface ClothingRow {
  image: string;
  senderId: string;
  label: string;
  kids: boolean;
}

/** Labels that are not a garment category. */
export const UNLABELLED = new Set(['Skip', 'Not sure', 'Other']);

export class ClothingCsvError extends Error {
  override name = 'ClothingCsvError';
}

/** Parses images.csv (header image,sender_id,label,kids; no quoted fields in this dataset). */
export function parseClothingCsv(text: string): ClothingRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift()?.split(',').map((h) => h.trim());
  const want = ['image', 'sender_id', 'label', 'kids'];
  if (!header || want.some((h, i) => header[i] !== h)) {
    throw new ClothingCsvError(`images.csv: expected header "${want.join(',')}", got "${header?.join(',') ?? ''}"`);
  }
  return lines.map((line, i) => {
    const cells = line.split(',');
    if (cells.length !== 4 || !cells[0] || !cells[2]) {
      throw new ClothingCsvError(`images.csv line ${i + 2}: expected 4 fields, got "${line}"`);
    }
    const [image, senderId, label, kids] = cells.map((c) => c.trim());
    if (!/^[0-9a-f-]{8,}$/i.test(image)) throw new ClothingCsvError(`images.csv line ${i + 2}: bad image id "${image}"`);
    return { image, senderId, label, kids: kids === 'True' };
  });
}

export function labelledRows(rows: readonly ClothingRow[]): ClothingRow[] {
  return rows.filter((r) => !UNLABELLED.has(r.label));
}

/**
 * A balanced subset: each category is shuffled with the seed, then categories (in name order) take
 * turns giving one item until `size` items are picked or all are used. Small categories run out
 * early; the rest share the remainder evenly. The result is shuffled once more so the grid mixes them.
 */
export function selectBalanced(rows: readonly ClothingRow[], size: number, seed: number): ClothingRow[] {
  const rng = createRng(seed);
  const byLabel = new Map<string, ClothingRow[]>();
  for (const row of [...rows].sort((a, b) => a.image.localeCompare(b.image))) {
    const list = byLabel.get(row.label) ?? [];
    list.push(row);
    byLabel.set(row.label, list);
  }
  const queues = [...byLabel.keys()].sort().map((label) => shuffle(byLabel.get(label)!, rng));
  const picked: ClothingRow[] = [];
  const target = Math.min(Math.max(0, Math.floor(size)), rows.length);
  for (let round = 0; picked.length < target; round++) {
    for (const queue of queues) {
      if (round < queue.length && picked.length < target) picked.push(queue[round]);
    }
  }
  return shuffle(picked, rng);
}

/** Demo price range in USD per category (adult sizes; kids' items cost 60 %). */
export const PRICE_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  Blazer: [70, 250],
  Blouse: [25, 70],
  Body: [10, 30],
  Dress: [35, 140],
  Hat: [10, 40],
  Hoodie: [30, 80],
  Longsleeve: [18, 45],
  Outwear: [60, 220],
  Pants: [30, 90],
  Polo: [20, 55],
  Shirt: [25, 70],
  Shoes: [40, 160],
  Shorts: [15, 45],
  Skirt: [20, 70],
  'T-Shirt': [12, 35],
  Top: [12, 40],
  Undershirt: [8, 25],
};
const DEFAULT_RANGE: readonly [number, number] = [15, 60];

/** Coarse department per category, added as a tag so a search for "tops" or "footwear" works. */
export const DEPARTMENTS: Readonly<Record<string, string>> = {
  Blazer: 'outerwear', Outwear: 'outerwear', Hoodie: 'outerwear',
  Blouse: 'tops', Body: 'tops', Longsleeve: 'tops', Polo: 'tops', Shirt: 'tops', 'T-Shirt': 'tops', Top: 'tops',
  Undershirt: 'tops', Dress: 'dresses', Pants: 'bottoms', Shorts: 'bottoms', Skirt: 'bottoms',
  Shoes: 'footwear', Hat: 'accessories',
};

/** FNV-1a, so each item's generated metadata depends only on (seed, id), not on the subset size. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export const DEMO_NOTICE =
  'Titles, prices and stock are generated; the photos are real garments from the clothing dataset ' +
  '(Alexey Grigorev, CC0 1.0).';
export const DEMO_LICENSE = 'Photos: clothing-dataset by Alexey Grigorev, CC0 1.0. Metadata: generated.';

export interface DemoItemOptions {
  seed: number;
  /** Path of the feature-extraction image, relative to the catalog URL. */
  imagePath: (id: string) => string;
  thumbnailPath: (id: string) => string;
}

export type DemoItem = CatalogInput['items'][number];

/** Title "T-Shirt · 4f2a", seeded price in the category range ending in .99, tags, ~92 % in stock. */
export function demoItem(row: ClothingRow, options: DemoItemOptions): DemoItem {
  const rng = createRng(hashString(row.image, options.seed));
  const [low, high] = PRICE_RANGES[row.label] ?? DEFAULT_RANGE;
  const base = low + rng.next() * (high - low);
  const price = Math.max(1, Math.round(base * (row.kids ? 0.6 : 1))) - 0.01;
  const department = DEPARTMENTS[row.label];
  return {
    id: row.image,
    title: `${row.kids ? "Kids' " : ''}${row.label} · ${row.image.slice(0, 4)}`,
    category: row.label,
    image: options.imagePath(row.image),
    thumbnail: options.thumbnailPath(row.image),
    price: Math.round(price * 100) / 100,
    currency: 'USD',
    tags: [row.label.toLowerCase(), ...(department ? [department] : []), ...(row.kids ? ['kids'] : [])],
    inStock: rng.next() < 0.92,
    source: `sender-${row.senderId}`,
  };
}
