import { describe, expect, it } from 'vitest';
import { hasTasteSignal, pickStarterItems, type StarterCandidate } from './starter-picks';

const item = (id: string, category: string, color: string, inStock = true): StarterCandidate => ({ id, category, color, inStock });

describe('pickStarterItems', () => {
  it('spreads the picks over categories and colours instead of taking the first items', () => {
    const items = [
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((x) => item(`red-dress-${x}`, 'Dress', 'red')),
      item('blue-dress', 'Dress', 'blue'),
      item('red-shoe', 'Shoes', 'red'),
      item('black-shoe', 'Shoes', 'black'),
      item('green-hat', 'Hat', 'green'),
    ];
    const picks = pickStarterItems(items, 5);
    expect(picks).toHaveLength(5);
    expect(new Set(picks.map((id) => items.find((i) => i.id === id)!.category))).toEqual(new Set(['Dress', 'Shoes', 'Hat']));
    const colours = picks.map((id) => items.find((i) => i.id === id)!.color);
    expect(new Set(colours).size).toBe(4);
    expect(colours.filter((c) => c === 'red').length).toBeLessThanOrEqual(2); // the first five items would all be red dresses
  });

  it('prefers items in stock, is deterministic and never repeats an item', () => {
    const items = [item('gone', 'Hat', 'red', false), item('hat', 'Hat', 'red'), item('shirt', 'Shirt', 'blue')];
    expect(pickStarterItems(items, 2)).toEqual(['hat', 'shirt']);
    expect(pickStarterItems(items, 10)).toEqual(pickStarterItems(items, 10));
    expect(new Set(pickStarterItems(items, 10)).size).toBe(3);
  });
});

describe('hasTasteSignal', () => {
  it('treats views and dwell as no taste yet, any like or dismissal as taste', () => {
    expect(hasTasteSignal([])).toBe(false);
    expect(hasTasteSignal([{ kind: 'view' }, { kind: 'dwell' }])).toBe(false);
    expect(hasTasteSignal([{ kind: 'view' }, { kind: 'like' }])).toBe(true);
    expect(hasTasteSignal([{ kind: 'not-interested' }])).toBe(true);
  });
});
