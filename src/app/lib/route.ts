/**
 * Hash routes: "#/" (catalog with optional filters), "#/item/<id>", "#/for-you", "#/photo", "#/taste",
 * "#/insights". The query string stays free for ?catalog=.
 */
export type CatalogSort = 'catalog' | 'relevance' | 'price-asc' | 'price-desc';

export interface CatalogRouteFilters {
  category?: string;
  query?: string;
  color?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  sort?: CatalogSort;
}

export type Route =
  | ({ name: 'catalog' } & CatalogRouteFilters)
  | { name: 'item'; id: string }
  | { name: 'for-you' }
  | { name: 'photo' }
  | { name: 'taste' }
  | { name: 'insights' }
  | { name: 'not-found'; hash: string };

const SIMPLE = ['for-you', 'photo', 'taste', 'insights'] as const;
const SORTS: readonly CatalogSort[] = ['catalog', 'relevance', 'price-asc', 'price-desc'];

const num = (s: string | null) => {
  if (s === null || s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?', 2);
  if (path === '/' || path === '') {
    const params = new URLSearchParams(search);
    const sort = params.get('sort') as CatalogSort | null;
    return {
      name: 'catalog',
      category: params.get('category') || undefined,
      query: params.get('q') || undefined,
      color: params.get('color') || undefined,
      minPrice: num(params.get('min')),
      maxPrice: num(params.get('max')),
      inStock: params.get('stock') === '1' || undefined,
      sort: sort && SORTS.includes(sort) && sort !== 'catalog' ? sort : undefined,
    };
  }
  const item = /^\/item\/(.+)$/.exec(path);
  if (item) {
    try {
      return { name: 'item', id: decodeURIComponent(item[1]) };
    } catch {
      return { name: 'not-found', hash };
    }
  }
  const simple = SIMPLE.find((name) => path === `/${name}`);
  if (simple) return { name: simple };
  return { name: 'not-found', hash };
}

export function formatRoute(route: Route): string {
  if (route.name === 'item') return `#/item/${encodeURIComponent(route.id)}`;
  if (route.name === 'not-found') return route.hash;
  if (route.name !== 'catalog') return `#/${route.name}`;
  const params = new URLSearchParams();
  if (route.category) params.set('category', route.category);
  if (route.query) params.set('q', route.query);
  if (route.color) params.set('color', route.color);
  if (route.minPrice !== undefined) params.set('min', String(route.minPrice));
  if (route.maxPrice !== undefined) params.set('max', String(route.maxPrice));
  if (route.inStock) params.set('stock', '1');
  if (route.sort && route.sort !== 'catalog') params.set('sort', route.sort);
  const search = params.toString();
  return search ? `#/?${search}` : '#/';
}
