import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../core/catalog/schema';
import { categoryCounts, filterItems, formatPrice, sortItems } from './search';

const item = (id: string, title: string, category: string, tags: string[] = []): CatalogItem => ({
  id, title, category, tags, image: `${id}.png`, price: 1, currency: 'USD', inStock: true,
});
const items = [
  item('1', 'Red T-Shirt', 'T-Shirt', ['red', 'solid']),
  item('2', 'Blue Dress', 'Dress', ['blue']),
  item('3', 'Red Striped Dress', 'Dress', ['red', 'striped']),
  item('4', 'Café Hat', 'Hat', ['kids']),
];

describe('filterItems', () => {
  it('filters by category', () => {
    expect(filterItems(items, { category: 'Dress' }).map((i) => i.id)).toEqual(['2', '3']);
  });

  it('matches every term across title, category and tags, case- and accent-insensitively', () => {
    expect(filterItems(items, { query: 'RED dress' }).map((i) => i.id)).toEqual(['3']);
    expect(filterItems(items, { query: 'kids' }).map((i) => i.id)).toEqual(['4']);
    expect(filterItems(items, { query: 'cafe' }).map((i) => i.id)).toEqual(['4']);
    expect(filterItems(items, { query: 'red', category: 'T-Shirt' }).map((i) => i.id)).toEqual(['1']);
    expect(filterItems(items, { query: 'green' })).toEqual([]);
  });

  it('returns everything for an empty filter', () => {
    expect(filterItems(items, { query: '   ' })).toHaveLength(4);
  });
});

describe('categoryCounts', () => {
  it('counts per category, sorted by name', () => {
    expect(categoryCounts(items)).toEqual([
      { category: 'Dress', count: 2 },
      { category: 'Hat', count: 1 },
      { category: 'T-Shirt', count: 1 },
    ]);
  });
});

describe('formatPrice', () => {
  it('formats with the currency', () => {
    expect(formatPrice(12.5, 'USD', 'en-US')).toBe('$12.50');
    expect(formatPrice(3, 'EUR', 'de-DE')).toMatch(/3,00\s€/);
  });
});

describe('colour, price, stock and sort', () => {
  const priced = [
    { ...item('a', 'A', 'Hat'), price: 30, colors: [{ name: 'red', hex: '#c8102e', weight: 0.8 }] },
    { ...item('b', 'B', 'Hat'), price: 10, inStock: false, colors: [{ name: 'blue', hex: '#1f5fbf', weight: 0.9 }] },
    { ...item('c', 'C', 'Hat'), price: 20, colors: [{ name: 'blue', hex: '#1f5fbf', weight: 0.1 }, { name: 'red', hex: '#c8102e', weight: 0.9 }] },
  ];
  it('filters by named colour (a minor colour does not count), price range and stock', () => {
    expect(filterItems(priced, { color: 'red' }).map((i) => i.id)).toEqual(['a', 'c']);
    expect(filterItems(priced, { color: 'blue' }).map((i) => i.id)).toEqual(['b']);
    expect(filterItems(priced, { minPrice: 15, maxPrice: 30 }).map((i) => i.id)).toEqual(['a', 'c']);
    expect(filterItems(priced, { inStock: true }).map((i) => i.id)).toEqual(['a', 'c']);
    const colorsOf = (id: string) => (id === 'b' ? [{ name: 'red', weight: 1 }] : []);
    expect(filterItems(priced, { color: 'red', colorsOf }).map((i) => i.id)).toEqual(['b']);
  });
  it('sorts by price and by relevance, unknown relevance last', () => {
    expect(sortItems(priced, 'price-asc').map((i) => i.id)).toEqual(['b', 'c', 'a']);
    expect(sortItems(priced, 'price-desc').map((i) => i.id)).toEqual(['a', 'c', 'b']);
    expect(sortItems(priced, 'relevance', new Map([['c', 0.9], ['a', 0.1]])).map((i) => i.id)).toEqual(['c', 'a', 'b']);
    expect(sortItems(priced, 'catalog').map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });
});
