import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/core/catalog/validate';
import {
  ClothingCsvError,
  demoItem,
  hashString,
  labelledRows,
  parseClothingCsv,
  PRICE_RANGES,
  selectBalanced,
  type ClothingRow,
} from './clothing';

const uuid = (n: number) => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;

function rows(counts: Record<string, number>): ClothingRow[] {
  let n = 0;
  return Object.entries(counts).flatMap(([label, count]) =>
    Array.from({ length: count }, () => ({ image: uuid(n++), senderId: String(n % 7), label, kids: n % 5 === 0 })),
  );
}

const paths = { imagePath: (id: string) => `images/${id}.jpg`, thumbnailPath: (id: string) => `thumbs/${id}.webp` };

describe('parseClothingCsv', () => {
  it('reads rows and the kids flag', () => {
    const csv = `image,sender_id,label,kids\n${uuid(1)},124,Not sure,False\n${uuid(2)},7,T-Shirt,True\n`;
    expect(parseClothingCsv(csv)).toEqual([
      { image: uuid(1), senderId: '124', label: 'Not sure', kids: false },
      { image: uuid(2), senderId: '7', label: 'T-Shirt', kids: true },
    ]);
  });

  it('rejects a wrong header or a broken line with its line number', () => {
    expect(() => parseClothingCsv('id,label\n')).toThrow(ClothingCsvError);
    expect(() => parseClothingCsv(`image,sender_id,label,kids\n${uuid(1)},1,Dress\n`)).toThrow(/line 2/);
  });

  it('drops Skip, Not sure and Other', () => {
    const r = rows({ Skip: 2, 'Not sure': 3, Other: 1, Dress: 4 });
    expect(labelledRows(r).map((x) => x.label)).toEqual(['Dress', 'Dress', 'Dress', 'Dress']);
  });
});

describe('selectBalanced', () => {
  const data = rows({ Dress: 50, Hat: 3, Pants: 40, 'T-Shirt': 200 });

  it('takes categories in turns, so small ones are fully used and big ones share the rest', () => {
    const picked = selectBalanced(data, 60, 1);
    const count = (label: string) => picked.filter((r) => r.label === label).length;
    expect(picked).toHaveLength(60);
    expect(count('Hat')).toBe(3);
    expect([count('Dress'), count('Pants'), count('T-Shirt')]).toEqual([19, 19, 19]);
    expect(new Set(picked.map((r) => r.image)).size).toBe(60);
  });

  it('is deterministic per seed and differs across seeds', () => {
    const ids = (seed: number) => selectBalanced(data, 30, seed).map((r) => r.image);
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7)).not.toEqual(ids(8));
  });

  it('caps at the number of rows', () => {
    expect(selectBalanced(data, 10_000, 1)).toHaveLength(data.length);
  });
});

describe('demoItem', () => {
  it('derives a valid demo item: title from category, price in range, tags, source', () => {
    const row: ClothingRow = { image: 'ea7b6656-3f84-4eb3-9099-23e623fc1018', senderId: '148', label: 'T-Shirt', kids: false };
    const item = demoItem(row, { seed: 42, ...paths });
    expect(item).toMatchObject({ id: row.image, title: 'T-Shirt · ea7b', category: 'T-Shirt', source: 'sender-148' });
    expect(item.tags).toEqual(['t-shirt', 'tops']);
    const [low, high] = PRICE_RANGES['T-Shirt'];
    expect(item.price).toBeGreaterThanOrEqual(low - 1);
    expect(item.price).toBeLessThanOrEqual(high);
    expect(Math.round(item.price * 100) % 100).toBe(99);
    expect(demoItem(row, { seed: 42, ...paths })).toEqual(item);
  });

  it('marks kids items and discounts them', () => {
    const adult = rows({ Blazer: 1 })[0];
    const kid = { ...adult, kids: true };
    const a = demoItem({ ...adult, kids: false }, { seed: 1, ...paths });
    const k = demoItem(kid, { seed: 1, ...paths });
    expect(k.title.startsWith("Kids' Blazer")).toBe(true);
    expect(k.tags).toContain('kids');
    expect(k.price).toBeLessThan(a.price);
  });

  it('gives a catalog that parseCatalog accepts, mostly in stock', () => {
    const data = rows({ Dress: 100, Shoes: 100, Unknown: 20 });
    const items = data.map((r) => demoItem(r, { seed: 3, ...paths }));
    const catalog = parseCatalog({ schemaVersion: 1, name: 'Demo', demo: true, items });
    const inStock = catalog.items.filter((i) => i.inStock).length / catalog.items.length;
    expect(inStock).toBeGreaterThan(0.8);
    expect(inStock).toBeLessThan(1);
  });

  it('hashString is stable and seed-dependent', () => {
    expect(hashString('abc')).toBe(hashString('abc'));
    expect(hashString('abc', 1)).not.toBe(hashString('abc', 2));
  });
});
