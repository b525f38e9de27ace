import { describe, expect, it } from 'vitest';
import { complementaryCategories } from './complementary';

describe('complementaryCategories', () => {
  const items = [
    { category: 'Dress', source: 's0' },
    { category: 'Hat', source: 's0' },
    { category: 'Dress', source: 's1' },
    { category: 'Hat', source: 's1' },
    { category: 'Dress', source: 's2' },
    { category: 'Shoes', source: 's9' },
  ];
  it('ranks categories from shared wardrobes and leaves out those never worn together', () => {
    expect(complementaryCategories(items, 'Dress')).toEqual(['Hat']);
    expect(complementaryCategories(items, 'Shoes')).toEqual([]);
  });
  it('without wardrobes every other category counts', () => {
    expect(complementaryCategories([{ category: 'A' }, { category: 'B' }, { category: 'C' }], 'A')).toEqual(['B', 'C']);
  });
});
