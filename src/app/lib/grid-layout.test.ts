import { describe, expect, it } from 'vitest';
import { GRID_GAP, MIN_CARD, gridLayout } from './grid-layout';

describe('gridLayout', () => {
  it('fits as many columns of at least MIN_CARD as the width allows and fills the width', () => {
    for (const width of [320, 375, 768, 1024, 1240, 1920]) {
      const { columns, cardWidth } = gridLayout(width);
      expect(cardWidth).toBeGreaterThanOrEqual(MIN_CARD);
      expect(columns * cardWidth + (columns - 1) * GRID_GAP).toBeLessThanOrEqual(width);
      expect((columns + 1) * MIN_CARD + columns * GRID_GAP).toBeGreaterThan(width);
    }
    expect(gridLayout(1240).columns).toBe(6);
  });

  it('keeps one column on very narrow screens', () => {
    expect(gridLayout(100)).toMatchObject({ columns: 1, cardWidth: 100 });
  });
});
