import type { Catalog } from '../../core/catalog/schema';
import { parseCatalog } from '../../core/catalog/validate';

/** The catalog could not be fetched or is not JSON (validation problems throw CatalogValidationError). */
export class CatalogLoadError extends Error {
  override name = 'CatalogLoadError';
}

export const DEFAULT_CATALOG_PATH = 'generated/catalog/catalog.json';

/**
 * Which catalog to show: `?catalog=<url>` when given (same origin only: the app fetches nothing
 * cross-origin), else the demo catalog under the app's base URL.
 */
export function catalogUrlFromLocation(href: string, baseUrl: string): URL {
  const page = new URL(href);
  const requested = page.searchParams.get('catalog');
  const base = new URL(baseUrl, page);
  if (!requested) return new URL(DEFAULT_CATALOG_PATH, base);
  const url = new URL(requested, base);
  if (url.origin !== page.origin) {
    throw new CatalogLoadError(`Refusing catalog ${url.href}: only catalogs from ${page.origin} may be loaded.`);
  }
  return url;
}

/** Resolves image, thumbnail and features URLs against the catalog's own URL, so catalogs are relocatable. */
export function resolveCatalogUrls(catalog: Catalog, catalogUrl: URL): Catalog {
  const abs = (u: string) => new URL(u, catalogUrl).href;
  return {
    ...catalog,
    features: catalog.features === undefined ? undefined : abs(catalog.features),
    items: catalog.items.map((item) => ({
      ...item,
      image: abs(item.image),
      thumbnail: item.thumbnail === undefined ? undefined : abs(item.thumbnail),
    })),
  };
}

/** Fetches, validates (CatalogValidationError names the item and field) and resolves a catalog. */
export async function loadCatalog(url: URL, fetchImpl: typeof fetch = fetch, signal?: AbortSignal): Promise<Catalog> {
  let response: Response;
  try {
    response = await fetchImpl(url.href, { signal, credentials: 'same-origin' });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new CatalogLoadError(`Could not fetch the catalog ${url.href}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!response.ok) throw new CatalogLoadError(`Could not load the catalog ${url.href}: HTTP ${response.status}`);
  // Static servers answer unknown paths with the app's index.html; say so instead of a JSON parse error.
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    throw new CatalogLoadError(`No catalog at ${url.href} (the server returned an HTML page). Run \`npm run setup\` to generate the demo catalog.`);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (err) {
    throw new CatalogLoadError(`The catalog ${url.href} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return resolveCatalogUrls(parseCatalog(json), url);
}
