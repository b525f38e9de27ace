import { useI18n } from '../i18n/i18n';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef } from 'react';
import type { CatalogItem } from '../../core/catalog/schema';
import { useElementBox } from '../hooks/useElementSize';
import { GRID_GAP, gridLayout } from '../lib/grid-layout';
import { ProductCard } from './ProductCard';

/**
 * Window-scrolled virtual grid: only the rows near the viewport are in the DOM, so thousands of items
 * cost what a screenful costs.
 */
export function ProductGrid({ items }: { items: readonly CatalogItem[] }) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const box = useElementBox(container);
  const { columns, cardWidth, rowHeight } = gridLayout(box.width || 1024);
  const rowCount = Math.ceil(items.length / columns);
  const virtualizer = useWindowVirtualizer({
    count: rowCount,
    estimateSize: () => rowHeight,
    overscan: 3,
    scrollMargin: box.top,
  });
  // The virtualizer caches row sizes; a new width means a new row height for every row.
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const rows = virtualizer.getVirtualItems();

  return (
    <div ref={container} className="grid" role="list" aria-label={t('catalog.products')} style={{ height: virtualizer.getTotalSize() }}>
      {rows.map((row) => (
        <div
          key={`${row.key}-${columns}`}
          className="grid-row"
          style={{
            transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)`,
            height: rowHeight - GRID_GAP,
            gridTemplateColumns: `repeat(${columns}, ${cardWidth}px)`,
          }}
        >
          {items.slice(row.index * columns, row.index * columns + columns).map((item) => (
            <div role="listitem" key={item.id}>
              <ProductCard item={item} imageSize={cardWidth} />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
