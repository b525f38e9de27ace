import { z } from 'zod';

// The app runs under a CSP without 'unsafe-eval': stop zod probing `new Function` (the caught probe is
// still reported as a CSP violation). Every zod user imports this module, so it runs before any parse.
z.config({ jitless: true });

/**
 * The catalog format Glimpse reads (demo site, widget partners, Node CLIs). Documented in
 * docs/CATALOG.md. `schemaVersion` changes only with a migration in parseCatalog.
 */
export const CATALOG_SCHEMA_VERSION = 1;

const url = z.string().min(1, 'must be a non-empty URL or path');

export const namedColorSchema = z.object({
  name: z.string().min(1),
  /** sRGB hex, e.g. "#a83232". */
  hex: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour'),
  /** Share of foreground pixels, 0..1. */
  weight: z.number().min(0).max(1),
});

export const catalogItemSchema = z
  .object({
    id: z.string().min(1, 'must be a non-empty string').max(200),
    title: z.string().min(1).max(500),
    category: z.string().min(1).max(100),
    image: url,
    thumbnail: url.optional(),
    price: z.number().finite().nonnegative(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').default('USD'),
    tags: z.array(z.string().max(100)).max(100).default([]),
    inStock: z.boolean().default(true),
    description: z.string().max(5000).optional(),
    /** Optional precomputed interpretable attributes (the vision pipeline fills these when absent). */
    colors: z.array(namedColorSchema).max(16).optional(),
    /** Contributor id in the demo dataset; never a shopper. */
    source: z.string().max(200).optional(),
  })
  .strict();

export const catalogSchema = z
  .object({
    schemaVersion: z.literal(CATALOG_SCHEMA_VERSION),
    name: z.string().min(1).max(200),
    /** True for generated demo metadata (titles, prices): the UI labels it as demo data. */
    demo: z.boolean().default(false),
    notice: z.string().max(2000).optional(),
    license: z.string().max(500).optional(),
    /** URL of a precomputed feature file (scripts/features), relative to the catalog URL. */
    features: url.optional(),
    items: z.array(catalogItemSchema).min(1, 'must contain at least one item'),
  })
  .strict();

export type NamedColor = z.infer<typeof namedColorSchema>;
export type CatalogItem = z.infer<typeof catalogItemSchema>;
export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;
