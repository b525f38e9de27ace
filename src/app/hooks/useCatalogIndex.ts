import { createContext, use } from 'react';
import type { Catalog, CatalogItem } from '../../core/catalog/schema';

export interface CatalogIndex {
  catalog: Catalog;
  byId: ReadonlyMap<string, CatalogItem>;
}

export const CatalogIndexContext = createContext<CatalogIndex | null>(null);

export function createCatalogIndex(catalog: Catalog): CatalogIndex {
  return { catalog, byId: new Map(catalog.items.map((item) => [item.id, item])) };
}

/** The loaded catalog with lookup by id (recommendations carry ids only). */
export function useCatalogIndex(): CatalogIndex {
  const index = use(CatalogIndexContext);
  if (!index) throw new Error('useCatalogIndex() needs a CatalogIndexContext above it');
  return index;
}
