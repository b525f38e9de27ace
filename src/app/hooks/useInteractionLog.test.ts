import { describe, expect, it } from 'vitest';
import type { Interaction } from '../../core/data/interactions';
import { summariseLog } from './useInteractionLog';

const e = (kind: Interaction['kind'], itemId: string): Interaction => ({ kind, itemId, at: 1 });

describe('summariseLog', () => {
  it('folds the log into per-item state and header totals', () => {
    const { byItem, totals } = summariseLog([
      e('like', 'a'), e('like', 'a'), e('save', 'a'), e('add-to-cart', 'a'), e('add-to-cart', 'b'),
      e('add-to-cart', 'b'), e('purchase', 'b'), e('dismiss', 'c'), e('not-interested', 'd'), e('view', 'e'),
    ]);
    expect(byItem.get('a')).toEqual({ liked: true, saved: true, inCart: 1, purchased: false, dismissed: false });
    expect(byItem.get('b')).toMatchObject({ inCart: 2, purchased: true });
    expect(byItem.get('e')).toEqual({ liked: false, saved: false, inCart: 0, purchased: false, dismissed: false });
    expect(totals).toEqual({ liked: 1, saved: 1, inCart: 3, purchased: 1, dismissed: 2 });
  });
});
