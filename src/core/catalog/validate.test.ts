import { describe, expect, it } from 'vitest';
import { CatalogValidationError, parseCatalog } from './validate';

const item = (id: string, extra: Record<string, unknown> = {}) => ({
  id, title: `Item ${id}`, category: 'Dress', image: `img/${id}.jpg`, price: 10, ...extra,
});

describe('parseCatalog', () => {
  it('accepts a minimal catalog and fills defaults', () => {
    const c = parseCatalog({ schemaVersion: 1, name: 'Shop', items: [item('a')] });
    expect(c.items[0]).toMatchObject({ id: 'a', currency: 'USD', tags: [], inStock: true });
    expect(c.demo).toBe(false);
  });

  it('names the item and field of a bad value', () => {
    const bad = { schemaVersion: 1, name: 'Shop', items: [item('a'), item('b', { price: -3 })] };
    expect(() => parseCatalog(bad)).toThrow(CatalogValidationError);
    try {
      parseCatalog(bad);
    } catch (e) {
      const err = e as CatalogValidationError;
      expect(err.issues[0]).toMatchObject({ path: 'items[1].price', itemId: 'b' });
      expect(err.message).toContain('item "b" items[1].price');
    }
  });

  it('rejects duplicate ids, unknown fields, wrong version and non-objects', () => {
    expect(() => parseCatalog({ schemaVersion: 1, name: 'S', items: [item('a'), item('a')] })).toThrow(/duplicate id/);
    expect(() => parseCatalog({ schemaVersion: 1, name: 'S', items: [item('a', { colour: 'red' })] })).toThrow(/colour/);
    expect(() => parseCatalog({ schemaVersion: 2, name: 'S', items: [item('a')] })).toThrow(/schemaVersion/);
    expect(() => parseCatalog(null)).toThrow(CatalogValidationError);
    expect(() => parseCatalog({ schemaVersion: 1, name: 'S', items: [] })).toThrow(/at least one item/);
  });

  it('uses the index when an item has no usable id', () => {
    try {
      parseCatalog({ schemaVersion: 1, name: 'S', items: [{ ...item('x'), id: '' }] });
      throw new Error('should have thrown');
    } catch (e) {
      expect((e as CatalogValidationError).issues[0].itemId).toBe('#0');
    }
  });
});
