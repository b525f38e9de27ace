import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from './route';

describe('routes', () => {
  it('parses the catalog with filters and product pages', () => {
    expect(parseRoute('')).toEqual({ name: 'catalog', category: undefined, query: undefined });
    expect(parseRoute('#/?category=T-Shirt&q=red%20top')).toEqual({ name: 'catalog', category: 'T-Shirt', query: 'red top' });
    expect(parseRoute('#/item/a%2Fb')).toEqual({ name: 'item', id: 'a/b' });
    expect(parseRoute('#/nope')).toEqual({ name: 'not-found', hash: '#/nope' });
    expect(parseRoute('#/item/%E0%A4%A')).toMatchObject({ name: 'not-found' });
  });

  it('round-trips', () => {
    const routes: Route[] = [
      { name: 'catalog' },
      { name: 'catalog', category: 'Dress & Co', query: 'blue?' },
      { name: 'item', id: 'x y#z' },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toMatchObject(r);
  });
});

describe('screen and filter routes', () => {
  it('parses screens and catalog filters, ignoring bad numbers', () => {
    expect(parseRoute('#/for-you')).toEqual({ name: 'for-you' });
    expect(parseRoute('#/insights')).toEqual({ name: 'insights' });
    expect(parseRoute('#/?color=red&min=5&max=abc&stock=1&sort=relevance')).toMatchObject({ color: 'red', minPrice: 5, maxPrice: undefined, inStock: true, sort: 'relevance' });
    expect(parseRoute('#/?sort=bogus')).toMatchObject({ sort: undefined });
  });
  it('round-trips filters', () => {
    const r: Route = { name: 'catalog', color: 'light blue', minPrice: 0, maxPrice: 40, inStock: true, sort: 'price-asc' };
    expect(parseRoute(formatRoute(r))).toMatchObject(r);
  });
});
