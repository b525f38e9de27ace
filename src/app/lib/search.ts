import type { CatalogItem } from '../../core/catalog/schema';

export interface CatalogFilter {
  /** Exact category, or undefined for all. */
  category?: string;
  /** Free text: every whitespace-separated term must occur in the title, category or tags. */
  query?: string;
  /** Named colour (from the vision features): the item must have it among its dominant colours. */
  color?: string;
  colorsOf?: (itemId: string) => readonly { name: string; weight: number }[] | undefined;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
}

/** A colour counts for an item when it covers at least this share of the foreground. */
export const COLOR_FILTER_MIN_SHARE = 0.2;

const normalise = (text: string) => text.toLocaleLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

export function searchTerms(query: string | undefined): string[] {
  return normalise(query ?? '').split(/\s+/).filter(Boolean);
}

/** Items passing the filter, in catalog order. */
export function filterItems<T extends CatalogItem>(items: readonly T[], filter: CatalogFilter): T[] {
  const terms = searchTerms(filter.query);
  return items.filter((item) => {
    if (filter.category && item.category !== filter.category) return false;
    if (filter.inStock && !item.inStock) return false;
    if (filter.minPrice !== undefined && item.price < filter.minPrice) return false;
    if (filter.maxPrice !== undefined && item.price > filter.maxPrice) return false;
    if (filter.color) {
      const colors = filter.colorsOf?.(item.id) ?? item.colors;
      if (!colors?.some((c) => c.name === filter.color && c.weight >= COLOR_FILTER_MIN_SHARE)) return false;
    }
    if (!terms.length) return true;
    const haystack = normalise(`${item.title} ${item.category} ${item.tags.join(' ')}`);
    return terms.every((t) => haystack.includes(t));
  });
}

/** Categories with item counts, by name. */
export function categoryCounts(items: readonly CatalogItem[]): { category: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
  return [...counts].map(([category, count]) => ({ category, count })).sort((a, b) => a.category.localeCompare(b.category));
}

const formatters = new Map<string, Intl.NumberFormat>();

export function formatPrice(price: number, currency: string, locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter.format(price);
}

export type SortOrder = 'catalog' | 'relevance' | 'price-asc' | 'price-desc';

/** A sorted copy; relevance uses the engine's scores (unknown items last), ties keep catalog order. */
export function sortItems<T extends CatalogItem>(items: readonly T[], order: SortOrder, relevance?: ReadonlyMap<string, number>): T[] {
  const indexed = items.map((item, i) => ({ item, i }));
  const key = (x: { item: T }) =>
    order === 'price-asc' ? x.item.price : order === 'price-desc' ? -x.item.price : order === 'relevance' ? -(relevance?.get(x.item.id) ?? -Infinity) : 0;
  if (order !== 'catalog') indexed.sort((a, b) => key(a) - key(b) || a.i - b.i);
  return indexed.map((x) => x.item);
}
