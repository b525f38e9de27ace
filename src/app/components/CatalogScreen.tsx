import { useDeferredValue, useMemo, useState } from 'react';
import type { Catalog } from '../../core/catalog/schema';
import type { Navigate } from '../hooks/useHashRoute';
import { useInteractionLog } from '../hooks/useInteractionLog';
import { categoryCounts, filterItems } from '../lib/search';
import { CatalogFilters } from './CatalogFilters';
import { ProductGrid } from './ProductGrid';

interface Props {
  catalog: Catalog;
  category: string | undefined;
  query: string | undefined;
  navigate: Navigate;
}

/** Filters live in the hash (#/?category=&q=), so Back from a product page restores them. */
export function CatalogScreen({ catalog, category, query = '', navigate }: Props) {
  const { byItem, totals } = useInteractionLog();
  const [showDismissed, setShowDismissed] = useState(false);
  const categories = useMemo(() => categoryCounts(catalog.items), [catalog]);
  const deferredQuery = useDeferredValue(query);
  const matching = useMemo(() => filterItems(catalog.items, { category, query: deferredQuery }), [catalog, category, deferredQuery]);
  const visible = useMemo(
    () => (showDismissed ? matching : matching.filter((item) => !byItem.get(item.id)?.dismissed)),
    [matching, byItem, showDismissed],
  );

  return (
    <section className="catalog-screen" aria-labelledby="catalog-heading">
      <h1 id="catalog-heading" className="visually-hidden">
        {catalog.name}
      </h1>
      <CatalogFilters
        categories={categories}
        total={catalog.items.length}
        category={category}
        query={query}
        showDismissed={showDismissed}
        dismissedCount={totals.dismissed}
        onCategory={(c) => navigate({ name: 'catalog', category: c, query: query || undefined }, { replace: true })}
        onQuery={(q) => navigate({ name: 'catalog', category, query: q || undefined }, { replace: true })}
        onShowDismissed={setShowDismissed}
      />
      <p className="result-count" aria-live="polite" data-testid="result-count">
        Showing {visible.length.toLocaleString()} of {catalog.items.length.toLocaleString()} items
      </p>
      {visible.length ? <ProductGrid items={visible} /> : <p className="empty">No items match. Try another search or category.</p>}
    </section>
  );
}
