import { z } from 'zod';
import { catalogSchema } from '../core/catalog/schema';
import type { WriteOp } from './backend';
import { base64ToFloat32, float32ToBase64 } from './base64';
import { ImportValidationError } from './errors';
import {
  DB_VERSION,
  featureFieldsSchema,
  interactionRecordSchema,
  modelRecordSchema,
  profileRecordSchema,
  settingRecordSchema,
  type FeatureRecord,
} from './schema';
import type { GlimpseStore } from './store';

/** Export file format. Change only with a reader for the old version in importEverything. */
export const EXPORT_FORMAT = 'glimpse-export';
export const EXPORT_FORMAT_VERSION = 1;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

const exportedAttributes = z.object({
  colors: z.array(z.object({ name: z.string(), hex: z.string(), weight: z.number() })),
  colorHistogram: b64,
  texture: b64,
  shape: b64,
  aspectRatio: z.number(),
  foreground: z.number(),
});

export const exportFileSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    formatVersion: z.literal(EXPORT_FORMAT_VERSION),
    exportedAt: z.string(),
    schemaVersion: z.number().int().positive().max(DB_VERSION),
    interactions: z.array(interactionRecordSchema),
    profile: profileRecordSchema.nullable(),
    settings: z.array(settingRecordSchema),
    catalogs: z.array(z.object({ id: z.string().min(1), savedAt: z.number(), catalog: catalogSchema })),
    models: z.array(modelRecordSchema.extend({ data: b64 })),
    features: z.array(
      featureFieldsSchema.extend({ embedding: b64, attributes: exportedAttributes.optional() }),
    ),
  })
  .strict();
export type ExportFile = z.infer<typeof exportFileSchema>;

type StoredAttributes = NonNullable<FeatureRecord['attributes']>;

function encodeAttributes(a: StoredAttributes): z.infer<typeof exportedAttributes> {
  return {
    ...a,
    colorHistogram: float32ToBase64(a.colorHistogram),
    texture: float32ToBase64(a.texture),
    shape: float32ToBase64(a.shape),
  };
}

/** Everything Glimpse stores, as one JSON-serialisable object (typed arrays as base64). */
export async function exportEverything(store: GlimpseStore): Promise<ExportFile> {
  const [interactions, profile, settings, catalogs, models, features] = await Promise.all([
    store.loadInteractions(),
    store.readValid('profile'),
    store.readValid('settings'),
    store.readValid('catalogs'),
    store.readValid('models'),
    store.readValid('features'),
  ]);
  const withData = [];
  for (const m of models) {
    const p = await store.loadParameters(m.model);
    if (p) withData.push({ ...m, data: float32ToBase64(p.data) });
  }
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    schemaVersion: DB_VERSION,
    interactions,
    profile: profile[0] ?? null,
    settings,
    catalogs,
    models: withData,
    features: features.map((f) => {
      const { attributes, ...rest } = f;
      return {
        ...rest,
        embedding: float32ToBase64(f.embedding),
        ...(attributes ? { attributes: encodeAttributes(attributes) } : {}),
      };
    }),
  };
}

function decode(text: string, where: string, issues: string[]): Float32Array<ArrayBuffer> {
  try {
    return base64ToFloat32(text);
  } catch (e) {
    issues.push(`${where}: ${(e as Error).message}`);
    return new Float32Array(0);
  }
}

/**
 * Replaces all stored data with the file's contents. The whole file is validated and decoded first and
 * written in one transaction, so a bad file (or a failed write) changes nothing.
 */
export async function importEverything(
  store: GlimpseStore,
  input: unknown,
): Promise<{ interactions: number; models: number }> {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      throw new ImportValidationError([`not JSON: ${(e as Error).message}`]);
    }
  }
  const parsed = exportFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ImportValidationError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const file = parsed.data;
  const issues: string[] = [];
  const ids = new Set<number>();
  for (const i of file.interactions) {
    if (ids.has(i.id)) issues.push(`interactions: duplicate id ${i.id}`);
    ids.add(i.id);
  }
  const features: FeatureRecord[] = file.features.map((f, n) => {
    const { attributes, ...rest } = f;
    const embedding = decode(f.embedding, `features.${n}.embedding`, issues);
    if (embedding.length !== f.dims)
      issues.push(`features.${n}: embedding has ${embedding.length} values, dims is ${f.dims}`);
    const record: FeatureRecord = { ...rest, embedding };
    if (attributes) {
      const at = (k: 'colorHistogram' | 'texture' | 'shape') =>
        decode(attributes[k], `features.${n}.attributes.${k}`, issues);
      record.attributes = {
        ...attributes,
        colorHistogram: at('colorHistogram'),
        texture: at('texture'),
        shape: at('shape'),
      };
    }
    return record;
  });
  const models = file.models.map((m, n) => {
    const data = decode(m.data, `models.${n}.data`, issues);
    if (data.length !== m.rows * m.cols)
      issues.push(`models.${n}: ${data.length} values, expected ${m.rows}x${m.cols}`);
    return { ...m, data };
  });
  if (issues.length) throw new ImportValidationError(issues);

  const ops: WriteOp[] = [
    ...(['interactions', 'profile', 'settings', 'catalogs', 'models', 'parameters', 'features'] as const).map(
      (store): WriteOp => ({ op: 'clear', store }),
    ),
    ...file.interactions.map((value): WriteOp => ({ op: 'put', store: 'interactions', value })),
    ...(file.profile ? [{ op: 'put', store: 'profile', value: file.profile } as WriteOp] : []),
    ...file.settings.map((value): WriteOp => ({ op: 'put', store: 'settings', value })),
    ...file.catalogs.map((value): WriteOp => ({ op: 'put', store: 'catalogs', value })),
    ...features.map((value): WriteOp => ({ op: 'put', store: 'features', value })),
  ];
  for (const m of models) {
    const { data, ...header } = m;
    const chunks = [];
    for (let start = 0, chunk = 0; start < m.rows; start += header.chunkRows, chunk++) {
      const rows = Math.min(header.chunkRows, m.rows - start);
      chunks.push({
        model: m.model,
        chunk,
        rowStart: start,
        rows,
        cols: m.cols,
        data: data.slice(start * m.cols, (start + rows) * m.cols),
      });
    }
    ops.push({ op: 'put', store: 'models', value: { ...header, chunkCount: chunks.length } });
    for (const c of chunks) ops.push({ op: 'put', store: 'parameters', value: c });
  }
  await store.commit(ops, 'all');
  return { interactions: file.interactions.length, models: models.length };
}
