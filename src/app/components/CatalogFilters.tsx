import { useId } from 'react';
import { useI18n } from '../i18n/i18n';
import type { CatalogRouteFilters, CatalogSort } from '../lib/route';

interface Props {
  categories: { category: string; count: number }[];
  colors: string[];
  total: number;
  filters: CatalogRouteFilters;
  showDismissed: boolean;
  dismissedCount: number;
  onChange: (filters: CatalogRouteFilters) => void;
  onShowDismissed: (show: boolean) => void;
}

const SORTS: { value: CatalogSort; label: 'sort.catalog' | 'sort.relevance' | 'sort.priceAsc' | 'sort.priceDesc' }[] = [
  { value: 'catalog', label: 'sort.catalog' },
  { value: 'relevance', label: 'sort.relevance' },
  { value: 'price-asc', label: 'sort.priceAsc' },
  { value: 'price-desc', label: 'sort.priceDesc' },
];

const price = (s: string) => (s === '' || !Number.isFinite(Number(s)) || Number(s) < 0 ? undefined : Number(s));

export function CatalogFilters(props: Props) {
  const { t, colorName } = useI18n();
  const id = useId();
  const f = props.filters;
  const set = (patch: Partial<CatalogRouteFilters>) => props.onChange({ ...f, ...patch });
  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('filters.search')}</label>
        <input
          id={`${id}-q`}
          type="search"
          placeholder={t('filters.searchPlaceholder')}
          value={f.query ?? ''}
          onChange={(e) => set({ query: e.target.value || undefined })}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-cat`}>{t('filters.category')}</label>
        <select id={`${id}-cat`} value={f.category ?? ''} onChange={(e) => set({ category: e.target.value || undefined })}>
          <option value="">{t('filters.allCategories', { count: props.total })}</option>
          {props.categories.map(({ category, count }) => (
            <option key={category} value={category}>
              {category} ({count})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-color`}>{t('filters.color')}</label>
        <select id={`${id}-color`} value={f.color ?? ''} onChange={(e) => set({ color: e.target.value || undefined })}>
          <option value="">{t('filters.allColors')}</option>
          {props.colors.map((c) => (
            <option key={c} value={c}>
              {colorName(c)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--narrow">
        <label htmlFor={`${id}-min`}>{t('filters.minPrice')}</label>
        <input id={`${id}-min`} type="number" min="0" step="1" inputMode="decimal" value={f.minPrice ?? ''} onChange={(e) => set({ minPrice: price(e.target.value) })} />
      </div>
      <div className="field field--narrow">
        <label htmlFor={`${id}-max`}>{t('filters.maxPrice')}</label>
        <input id={`${id}-max`} type="number" min="0" step="1" inputMode="decimal" value={f.maxPrice ?? ''} onChange={(e) => set({ maxPrice: price(e.target.value) })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-sort`}>{t('filters.sort')}</label>
        <select id={`${id}-sort`} value={f.sort ?? 'catalog'} onChange={(e) => set({ sort: e.target.value as CatalogSort })}>
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {t(s.label)}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input type="checkbox" checked={f.inStock ?? false} onChange={(e) => set({ inStock: e.target.checked || undefined })} />
        {t('filters.inStock')}
      </label>
      {props.dismissedCount > 0 && (
        <label className="check">
          <input type="checkbox" checked={props.showDismissed} onChange={(e) => props.onShowDismissed(e.target.checked)} />
          {t('filters.showDismissed', { count: props.dismissedCount })}
        </label>
      )}
    </form>
  );
}
