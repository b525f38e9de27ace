import type { CatalogItem } from '../../core/catalog/schema';

export interface CatalogFilter {
  /** Exact category, or undefined for all. */
  category?: string;
  /** Free text: every whitespace-separated term must occur in the title, category or tags. */
  query?: string;
}

const normalise = (text: string) => text.toLocaleLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

export function searchTerms(query: string | undefined): string[] {
  return normalise(query ?? '').split(/\s+/).filter(Boolean);
}

/** Items passing the filter, in catalog order. */
export function filterItems<T extends CatalogItem>(items: readonly T[], filter: CatalogFilter): T[] {
  const terms = searchTerms(filter.query);
  return items.filter((item) => {
    if (filter.category && item.category !== filter.category) return false;
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
