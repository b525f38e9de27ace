import type { DBSchema } from 'idb';
import { z } from 'zod';
import { catalogSchema } from '../core/catalog/schema';
import { INTERACTION_KINDS } from '../core/data/interactions';

/**
 * The persisted layout. CHANGE ONLY WITH A MIGRATION (migrations.ts) and a test that opens the old layout.
 *
 * v1 (first prototype): `interactions` {id, type, item, time} (autoIncrement) and `settings` {key, value}.
 * v2 (current): interactions renamed to the core Interaction fields with by-at/by-item indexes; adds
 *   catalogs, features (cache keyed by content hash + extractor id/version/dims), profile, model headers and
 *   parameter chunks (~1000 rows each, never one record per row), meta.
 */
export const DB_NAME = 'glimpse';
export const DB_VERSION = 2;
/** Rows per parameter chunk: ~256 KB at 64 float32 columns (PERF-FACTS §2.7). Change only with a migration. */
export const PARAMETER_CHUNK_ROWS = 1000;

export const STORE_NAMES = [
  'interactions',
  'settings',
  'catalogs',
  'features',
  'profile',
  'models',
  'parameters',
  'meta',
] as const;
export type StoreName = (typeof STORE_NAMES)[number];

const f32 = z.instanceof(Float32Array);

export const interactionRecordSchema = z.object({
  id: z.number().int().positive(),
  kind: z.enum(INTERACTION_KINDS),
  itemId: z.string().min(1).max(200),
  at: z.number().finite().nonnegative(),
  value: z.number().finite().optional(),
});
export type InteractionRecord = z.infer<typeof interactionRecordSchema>;

export const settingRecordSchema = z.object({ key: z.string().min(1), value: z.unknown() });
export type SettingRecord = z.infer<typeof settingRecordSchema>;

export const catalogRecordSchema = z.object({
  id: z.string().min(1),
  savedAt: z.number(),
  catalog: catalogSchema,
});
export type CatalogRecord = z.infer<typeof catalogRecordSchema>;

export const storedAttributesSchema = z.object({
  colors: z.array(z.object({ name: z.string(), hex: z.string(), weight: z.number() })),
  colorHistogram: f32,
  texture: f32,
  shape: f32,
  aspectRatio: z.number(),
  foreground: z.number(),
});

export const featureFieldsSchema = z.object({
  key: z.string().min(1),
  hash: z.string().min(1),
  extractorId: z.string().min(1),
  extractorVersion: z.number().int(),
  dims: z.number().int().positive(),
  itemId: z.string().min(1),
  embedding: f32,
  attributes: storedAttributesSchema.optional(),
});
export const featureRecordSchema = featureFieldsSchema.refine((r) => r.embedding.length === r.dims, {
  message: 'embedding length does not match dims',
});
export type FeatureRecord = z.infer<typeof featureRecordSchema>;

export const profileRecordSchema = z.object({
  key: z.literal('current'),
  paused: z.boolean(),
  /** Interactions before this instant are ignored (a reset keeps nothing, but imports may carry older data). */
  resetAt: z.number().optional(),
  updatedAt: z.number(),
});
export type ProfileRecord = z.infer<typeof profileRecordSchema>;

export const modelRecordSchema = z.object({
  model: z.string().min(1),
  rows: z.number().int().nonnegative(),
  cols: z.number().int().positive(),
  chunkRows: z.number().int().positive(),
  chunkCount: z.number().int().nonnegative(),
  /** Monotonic per model: each confirmed checkpoint increments it. */
  version: z.number().int().nonnegative(),
  savedAt: z.number(),
  /** Small JSON metadata (row ids, hyper-parameters, extractor info). */
  info: z.record(z.string(), z.unknown()).default({}),
});
export type ModelRecord = z.infer<typeof modelRecordSchema>;

export const parameterChunkSchema = z
  .object({
    model: z.string().min(1),
    chunk: z.number().int().nonnegative(),
    rowStart: z.number().int().nonnegative(),
    rows: z.number().int().positive(),
    cols: z.number().int().positive(),
    data: f32,
  })
  .refine((c) => c.data.length === c.rows * c.cols, {
    message: 'chunk data length does not match rows x cols',
  });
export type ParameterChunk = z.infer<typeof parameterChunkSchema>;

export const metaRecordSchema = z.object({ key: z.string().min(1), value: z.unknown() });
export type MetaRecord = z.infer<typeof metaRecordSchema>;

/** Validators used on every read: a record that fails is corrupt and is dropped on its own. */
export const RECORD_SCHEMAS = {
  interactions: interactionRecordSchema,
  settings: settingRecordSchema,
  catalogs: catalogRecordSchema,
  features: featureRecordSchema,
  profile: profileRecordSchema,
  models: modelRecordSchema,
  parameters: parameterChunkSchema,
  meta: metaRecordSchema,
} as const satisfies Record<StoreName, z.ZodType>;

export interface GlimpseDBv2 extends DBSchema {
  interactions: { key: number; value: InteractionRecord; indexes: { 'by-at': number; 'by-item': string } };
  settings: { key: string; value: SettingRecord };
  catalogs: { key: string; value: CatalogRecord };
  features: { key: string; value: FeatureRecord; indexes: { 'by-extractor': [string, number, number] } };
  profile: { key: string; value: ProfileRecord };
  models: { key: string; value: ModelRecord };
  parameters: { key: [string, number]; value: ParameterChunk };
  meta: { key: string; value: MetaRecord };
}

/** Cache key of one item's features: content hash + extractor identity, so a new extractor never mixes vectors. */
export function featureKey(hash: string, extractor: { id: string; version: number; dims: number }): string {
  return `${extractor.id}@${extractor.version}/${extractor.dims}/${hash}`;
}
