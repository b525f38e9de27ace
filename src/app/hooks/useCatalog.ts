import { useEffect, useState } from 'react';
import type { Catalog } from '../../core/catalog/schema';
import { loadCatalog } from '../services/catalog';
import { useServices } from '../services/ServicesContext';

export type CatalogState =
  | { status: 'loading'; url: string }
  | { status: 'ready'; url: string; catalog: Catalog }
  | { status: 'error'; url: string; error: Error };

/** Loads and validates the catalog at `url` (or reports the error passed in, e.g. a refused URL). */
export function useCatalog(url: URL | Error): CatalogState {
  const { fetch: fetchImpl } = useServices();
  const key = url instanceof Error ? `error:${url.message}` : url.href;
  const [state, setState] = useState<CatalogState>(() =>
    url instanceof Error ? { status: 'error', url: '', error: url } : { status: 'loading', url: key },
  );

  useEffect(() => {
    if (url instanceof Error) return;
    const abort = new AbortController();
    loadCatalog(url, fetchImpl, abort.signal).then(
      (catalog) => setState({ status: 'ready', url: url.href, catalog }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'error', url: url.href, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => abort.abort();
    // `key` identifies the URL; the URL object itself is recreated on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, fetchImpl]);

  return state.url === key || url instanceof Error ? state : { status: 'loading', url: key };
}
