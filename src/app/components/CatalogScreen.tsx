import { useDeferredValue, useMemo, useState } from 'react';
import type { Catalog } from '../../core/catalog/schema';
import { useI18n } from '../i18n/i18n';
import type { Navigate } from '../hooks/useHashRoute';
import { useInteractionLog } from '../hooks/useInteractionLog';
import { useRecsQuery } from '../hooks/useRecsQuery';
import type { CatalogRouteFilters } from '../lib/route';
import { categoryCounts, COLOR_FILTER_MIN_SHARE, filterItems, sortItems } from '../lib/search';
import { CatalogFilters } from './CatalogFilters';
import { ProductGrid } from './ProductGrid';

interface Props {
  catalog: Catalog;
  filters: CatalogRouteFilters;
  navigate: Navigate;
}

/** Filters live in the hash (#/?category=&q=&color=&min=&max=&stock=&sort=), so Back restores them. */
export function CatalogScreen({ catalog, filters, navigate }: Props) {
  const { t } = useI18n();
  const { byItem, totals } = useInteractionLog();
  const [showDismissed, setShowDismissed] = useState(false);
  const categories = useMemo(() => categoryCounts(catalog.items), [catalog]);
  const colors = useRecsQuery('item-colors', (c) => c.itemColors(), false);
  const colorMap = colors.data;
  const relevance = useRecsQuery('relevance', (c) => c.relevance(), filters.sort === 'relevance');
  const colorNames = useMemo(() => {
    const names = new Set<string>();
    for (const list of colorMap?.values() ?? []) for (const c of list) if (c.weight >= COLOR_FILTER_MIN_SHARE) names.add(c.name);
    return [...names].sort();
  }, [colorMap]);
  const deferred = useDeferredValue(filters);
  const matching = useMemo(
    () => filterItems(catalog.items, { ...deferred, colorsOf: colorMap ? (id) => colorMap.get(id) : undefined }),
    [catalog, deferred, colorMap],
  );
  const visible = useMemo(() => {
    const shown = showDismissed ? matching : matching.filter((item) => !byItem.get(item.id)?.dismissed);
    return sortItems(shown, deferred.sort ?? 'catalog', relevance.data);
  }, [matching, byItem, showDismissed, deferred.sort, relevance.data]);

  return (
    <section className="catalog-screen" aria-labelledby="catalog-heading">
      <h1 id="catalog-heading" className="visually-hidden">
        {catalog.name}
      </h1>
      <CatalogFilters
        categories={categories}
        colors={colorNames}
        total={catalog.items.length}
        filters={filters}
        showDismissed={showDismissed}
        dismissedCount={totals.dismissed}
        onChange={(next) => navigate({ name: 'catalog', ...next }, { replace: true })}
        onShowDismissed={setShowDismissed}
      />
      <p className="result-count" aria-live="polite" data-testid="result-count">
        {t('catalog.count', { shown: visible.length, total: catalog.items.length })}
      </p>
      {visible.length ? <ProductGrid items={visible} /> : <p className="empty">{t('catalog.empty')}</p>}
    </section>
  );
}
