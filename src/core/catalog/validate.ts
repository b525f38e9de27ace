import type { z } from 'zod';
import { catalogSchema, type Catalog } from './schema';

/** One problem in a catalog, named by JSON path and (when inside items) the item id. */
export interface CatalogIssue {
  path: string;
  itemId?: string;
  message: string;
}

/** A catalog that failed validation. The message names the field and item of the first problems. */
export class CatalogValidationError extends Error {
  override name = 'CatalogValidationError';
  constructor(readonly issues: CatalogIssue[]) {
    super(
      `Invalid catalog: ${issues
        .slice(0, 5)
        .map((i) => `${i.itemId ? `item "${i.itemId}" ` : ''}${i.path}: ${i.message}`)
        .join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`,
    );
  }
}

function describeIssues(input: unknown, error: z.ZodError): CatalogIssue[] {
  const items = (input as { items?: unknown[] } | null)?.items;
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    let itemId: string | undefined;
    if (issue.path[0] === 'items' && typeof issue.path[1] === 'number' && Array.isArray(items)) {
      const raw = (items[issue.path[1]] as { id?: unknown } | undefined)?.id;
      itemId = typeof raw === 'string' && raw ? raw : `#${issue.path[1]}`;
    }
    return { path: path || '(root)', itemId, message: issue.message };
  });
}

/** Validates unknown JSON as a catalog: schema, then unique ids. Throws CatalogValidationError. */
export function parseCatalog(input: unknown): Catalog {
  const result = catalogSchema.safeParse(input);
  if (!result.success) throw new CatalogValidationError(describeIssues(input, result.error));
  const seen = new Set<string>();
  const dupes: CatalogIssue[] = [];
  result.data.items.forEach((item, i) => {
    if (seen.has(item.id)) dupes.push({ path: `items[${i}].id`, itemId: item.id, message: 'duplicate id' });
    seen.add(item.id);
  });
  if (dupes.length) throw new CatalogValidationError(dupes);
  return result.data;
}
