import { describe, expect, it } from 'vitest';
import { interactionWeight, isInteractionKind } from './interactions';

describe('interactionWeight', () => {
  it('orders commitment: purchase > cart > save > like > view, negatives for dismissals', () => {
    const w = (kind: Parameters<typeof interactionWeight>[0]['kind']) => interactionWeight({ kind, itemId: 'a', at: 0 });
    expect(w('purchase')).toBeGreaterThan(w('add-to-cart'));
    expect(w('add-to-cart')).toBeGreaterThan(w('save'));
    expect(w('save')).toBeGreaterThan(w('like'));
    expect(w('like')).toBeGreaterThan(w('view'));
    expect(w('dismiss')).toBeLessThan(0);
    expect(w('not-interested')).toBeLessThan(w('dismiss'));
  });
  it('maps ratings around a neutral 3 and ignores short dwell', () => {
    expect(interactionWeight({ kind: 'rating', itemId: 'a', at: 0, value: 3 })).toBe(0);
    expect(interactionWeight({ kind: 'rating', itemId: 'a', at: 0, value: 5 })).toBe(1);
    expect(interactionWeight({ kind: 'rating', itemId: 'a', at: 0, value: 1 })).toBe(-1);
    expect(interactionWeight({ kind: 'dwell', itemId: 'a', at: 0, value: 2 })).toBe(0);
    expect(interactionWeight({ kind: 'dwell', itemId: 'a', at: 0, value: 30 })).toBeGreaterThan(0);
  });
  it('recognises kinds', () => {
    expect(isInteractionKind('like')).toBe(true);
    expect(isInteractionKind('hack')).toBe(false);
  });
});
