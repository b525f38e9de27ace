export const MIN_CARD = 164;
export const GRID_GAP = 16;
/** Title, price and the button row under the square image. */
export const CARD_TEXT = 112;

/** Columns that fit the width, the card width that fills it, and the row pitch (card + gap). */
export function gridLayout(width: number): { columns: number; cardWidth: number; rowHeight: number } {
  const columns = Math.max(1, Math.floor((width + GRID_GAP) / (MIN_CARD + GRID_GAP)));
  const cardWidth = Math.max(1, Math.floor((width - GRID_GAP * (columns - 1)) / columns));
  return { columns, cardWidth, rowHeight: cardWidth + CARD_TEXT + GRID_GAP };
}
