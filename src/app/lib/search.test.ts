import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../core/catalog/schema';
import { categoryCounts, filterItems, formatPrice } from './search';

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
