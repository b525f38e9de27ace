/** Hash routes: "#/" (catalog, optional ?category=&q=), "#/item/<id>". The query string stays free for ?catalog=. */
export type Route =
  | { name: 'catalog'; category?: string; query?: string }
  | { name: 'item'; id: string }
  | { name: 'not-found'; hash: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?', 2);
  if (path === '/' || path === '') {
    const params = new URLSearchParams(search);
    return { name: 'catalog', category: params.get('category') || undefined, query: params.get('q') || undefined };
  }
  const item = /^\/item\/(.+)$/.exec(path);
  if (item) {
    try {
      return { name: 'item', id: decodeURIComponent(item[1]) };
    } catch {
      return { name: 'not-found', hash };
    }
  }
  return { name: 'not-found', hash };
}

export function formatRoute(route: Route): string {
  if (route.name === 'item') return `#/item/${encodeURIComponent(route.id)}`;
  if (route.name === 'not-found') return route.hash;
  const params = new URLSearchParams();
  if (route.category) params.set('category', route.category);
  if (route.query) params.set('q', route.query);
  const search = params.toString();
  return search ? `#/?${search}` : '#/';
}
