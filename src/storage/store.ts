import type { z } from 'zod';
import type { Catalog } from '../core/catalog/schema';
import type { Interaction } from '../core/data/interactions';
import type { StorageBackend, StoreKey, WriteOp } from './backend';
import { openChangeChannel, type ChangeChannel, type ChangeTopic } from './broadcast';
import { joinRows, orderRows, splitRows, type RowChunk } from './chunks';
import { StorageBlockedError, StorageError, StorageUnavailableError, toStorageError } from './errors';
import { openIdbBackend, type OpenIdbOptions } from './idb-backend';
import { MemoryBackend } from './memory-backend';
import {
  DB_NAME,
  PARAMETER_CHUNK_ROWS,
  RECORD_SCHEMAS,
  featureKey,
  interactionRecordSchema,
  type CatalogRecord,
  type FeatureRecord,
  type InteractionRecord,
  type ModelRecord,
  type ParameterChunk,
  type ProfileRecord,
  type StoreName,
} from './schema';

/** One corrupt record that was dropped on read; everything else in its store survived. */
export interface RepairNotice {
  store: StoreName;
  key: StoreKey;
  problem: string;
}

export interface StoreOptions {
  /** Told about every corrupt record that was detected and dropped. */
  onRepair?: (notice: RepairNotice) => void;
  /** Name used for the cross-tab channel (the database name). */
  name?: string;
}

export interface StoredParameters {
  model: string;
  rows: number;
  cols: number;
  version: number;
  savedAt: number;
  info: Record<string, unknown>;
  data: Float32Array;
}

/** A parameter matrix as stored: its row chunks in order, each its own buffer, together exactly rows x cols. */
export type StoredParameterChunks = Omit<StoredParameters, 'data'> & { chunks: RowChunk[] };

export interface FeatureInput {
  hash: string;
  extractor: { id: string; version: number; dims: number };
  itemId: string;
  embedding: Float32Array;
  attributes?: FeatureRecord['attributes'];
}

export const DEFAULT_PROFILE: Omit<ProfileRecord, 'updatedAt'> = { key: 'current', paused: false };

const newInteractionSchema = interactionRecordSchema.omit({ id: true });

/**
 * Repositories over one backend (IndexedDB or memory). Every read validates records; a corrupt one is
 * dropped on its own (in a separate short write) and reported. Every write is one transaction that has
 * committed when the promise resolves, then other tabs are told what changed.
 */
export class GlimpseStore {
  private readonly changes: ChangeChannel | undefined;

  constructor(
    readonly backend: StorageBackend,
    private readonly options: StoreOptions = {},
    /** Why the in-memory fallback is in use, if it is. */
    readonly fallbackReason?: StorageError,
  ) {
    this.changes = backend.persistent ? openChangeChannel(options.name ?? DB_NAME) : undefined;
  }

  get persistent(): boolean {
    return this.backend.persistent;
  }

  /** Listens for changes made by other tabs (never fired for this tab's own writes). */
  onExternalChange(listener: (topic: ChangeTopic) => void): () => void {
    return this.changes?.subscribe(listener) ?? (() => undefined);
  }

  /** Writes atomically, then tells other tabs. */
  async commit(ops: WriteOp[], topic: ChangeTopic): Promise<StoreKey[]> {
    const keys = await this.backend.write(ops);
    this.changes?.notify(topic);
    return keys;
  }

  /** Reads a store, validating each record; corrupt ones are deleted individually and reported. */
  async readValid<S extends StoreName>(store: S): Promise<z.infer<(typeof RECORD_SCHEMAS)[S]>[]> {
    const { keys, values } = await this.backend.readAll(store);
    return this.validate(store, keys, values);
  }

  private async validate<S extends StoreName>(store: S, keys: StoreKey[], values: unknown[]) {
    const schema = RECORD_SCHEMAS[store] as z.ZodType;
    const good: z.infer<(typeof RECORD_SCHEMAS)[S]>[] = [];
    const bad: RepairNotice[] = [];
    values.forEach((v, i) => {
      const r = schema.safeParse(v);
      if (r.success) good.push(r.data as z.infer<(typeof RECORD_SCHEMAS)[S]>);
      else
        bad.push({
          store,
          key: keys[i],
          problem: r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '),
        });
    });
    if (bad.length) {
      await this.backend.write(bad.map((b) => ({ op: 'delete', store, key: b.key })));
      for (const b of bad) this.options.onRepair?.(b);
    }
    return good;
  }

  // ---- interaction log (append-only; single records can be removed by the user) ----

  /** Appends one event; resolves after the write is durable, with the stored record (including its id). */
  async appendInteraction(event: Interaction): Promise<InteractionRecord> {
    const parsed = newInteractionSchema.safeParse(event);
    if (!parsed.success) {
      throw new StorageError(
        'failed',
        `Invalid interaction: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    const [id] = await this.commit(
      [{ op: 'add', store: 'interactions', value: parsed.data }],
      'interactions',
    );
    return { ...parsed.data, id: id as number };
  }

  /** The whole log, oldest first. */
  async loadInteractions(): Promise<InteractionRecord[]> {
    const log = await this.readValid('interactions');
    return log.sort((a, b) => a.at - b.at || a.id - b.id);
  }

  async removeInteraction(id: number): Promise<void> {
    await this.commit([{ op: 'delete', store: 'interactions', key: id }], 'interactions');
  }

  // ---- profile state (pause, reset) ----

  async loadProfileState(): Promise<ProfileRecord> {
    const [state] = await this.readValid('profile');
    return state ?? { ...DEFAULT_PROFILE, updatedAt: 0 };
  }

  async saveProfileState(patch: Partial<Omit<ProfileRecord, 'key'>>): Promise<ProfileRecord> {
    const next: ProfileRecord = {
      ...(await this.loadProfileState()),
      ...patch,
      key: 'current',
      updatedAt: Date.now(),
    };
    await this.commit([{ op: 'put', store: 'profile', value: next }], 'profile');
    return next;
  }

  /** Forgets everything learned about the user: log, user parameters and profile state, in one transaction. */
  async resetProfile(): Promise<void> {
    await this.commit(
      [
        { op: 'clear', store: 'interactions' },
        { op: 'clear', store: 'models' },
        { op: 'clear', store: 'parameters' },
        { op: 'put', store: 'profile', value: { ...DEFAULT_PROFILE, updatedAt: Date.now() } },
      ],
      'all',
    );
  }

  // ---- settings ----

  async loadSetting<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const raw = await this.backend.get('settings', key);
    if (raw === undefined) return undefined;
    const r = schema.safeParse((raw as { value?: unknown }).value);
    if (r.success) return r.data;
    await this.backend.write([{ op: 'delete', store: 'settings', key }]);
    this.options.onRepair?.({
      store: 'settings',
      key,
      problem: r.error.issues.map((i) => i.message).join('; '),
    });
    return undefined;
  }

  async saveSetting(key: string, value: unknown): Promise<void> {
    await this.commit([{ op: 'put', store: 'settings', value: { key, value } }], 'settings');
  }

  // ---- catalog ----

  async saveCatalog(id: string, catalog: Catalog): Promise<void> {
    await this.commit(
      [{ op: 'put', store: 'catalogs', value: { id, savedAt: Date.now(), catalog } }],
      'catalog',
    );
  }

  async loadCatalog(id: string): Promise<CatalogRecord | undefined> {
    const rows = await this.readValid('catalogs');
    return rows.find((r) => r.id === id);
  }

  // ---- feature cache ----

  async saveFeatures(records: FeatureInput[]): Promise<void> {
    const ops: WriteOp[] = records.map((r) => ({
      op: 'put',
      store: 'features',
      value: {
        key: featureKey(r.hash, r.extractor),
        hash: r.hash,
        extractorId: r.extractor.id,
        extractorVersion: r.extractor.version,
        dims: r.extractor.dims,
        itemId: r.itemId,
        // slice(): store a compact copy, never a view onto a larger buffer.
        embedding: r.embedding.slice(),
        ...(r.attributes ? { attributes: r.attributes } : {}),
      } satisfies FeatureRecord,
    }));
    await this.commit(ops, 'features');
  }

  /** Cached features made by exactly this extractor, by content hash. Vectors from other extractors are never returned. */
  async loadFeatures(extractor: {
    id: string;
    version: number;
    dims: number;
  }): Promise<Map<string, FeatureRecord>> {
    const prefix = featureKey('', extractor);
    // String keys of one extractor sort together: a key range reads only them.
    const { keys, values } = await this.backend.readRange('features', prefix, `${prefix}\uffff`);
    const rows = await this.validate('features', keys, values);
    return new Map(rows.map((r) => [r.hash, r]));
  }

  // ---- model parameters (chunked typed arrays) ----

  /**
   * Checkpoints a parameter matrix atomically: header + all chunks in one transaction, replacing the previous
   * version. A crash before commit leaves the previous confirmed version intact.
   */
  async saveParameters(
    model: string,
    matrix: { rows: number; cols: number; data: Float32Array; info?: Record<string, unknown> },
  ): Promise<ModelRecord> {
    const previous = (await this.readValid('models')).find((m) => m.model === model);
    const chunks = splitRows(matrix.data, matrix.rows, matrix.cols, PARAMETER_CHUNK_ROWS);
    const header: ModelRecord = {
      model,
      rows: matrix.rows,
      cols: matrix.cols,
      chunkRows: PARAMETER_CHUNK_ROWS,
      chunkCount: chunks.length,
      version: (previous?.version ?? 0) + 1,
      savedAt: Date.now(),
      info: matrix.info ?? {},
    };
    await this.commit(
      [
        {
          op: 'deleteRange',
          store: 'parameters',
          lower: [model, 0],
          upper: [model, Number.MAX_SAFE_INTEGER],
        },
        ...chunks.map((c): WriteOp => ({
          op: 'put',
          store: 'parameters',
          value: {
            model,
            chunk: c.chunk,
            rowStart: c.rowStart,
            rows: c.rows,
            cols: matrix.cols,
            data: c.data,
          } satisfies ParameterChunk,
        })),
        { op: 'put', store: 'models', value: header },
      ],
      'parameters',
    );
    return header;
  }

  /** Loads a model's parameters; if any chunk is corrupt or missing the model is dropped (retrain) and undefined returned. */
  /** The matrix in one array (joined from its chunks). */
  async loadParameters(model: string): Promise<StoredParameters | undefined> {
    const stored = await this.loadParameterChunks(model);
    if (!stored) return undefined;
    const { chunks, ...header } = stored;
    return { ...header, data: joinRows(chunks, header.rows, header.cols) };
  }

  /**
   * The matrix as its stored row chunks, read and validated without copying: for consumers that work chunk by
   * chunk (scoring, building an index). Joining a 100k x 64 table costs as much again as reading it here.
   */
  async loadParameterChunks(model: string): Promise<StoredParameterChunks | undefined> {
    const header = (await this.readValid('models')).find((m) => m.model === model);
    if (!header) return undefined;
    // By key, not by range: the header names every chunk, and large values read faster one get() each.
    const keys = Array.from({ length: header.chunkCount }, (_, c): StoreKey => [model, c]);
    const found = await this.backend.getMany('parameters', keys);
    // A missing chunk is not a corrupt record: it only leaves the set short, which orderRows reports.
    const here = keys.flatMap((_, c) => (found[c] === undefined ? [] : [c]));
    const valid = await this.validate('parameters', here.map((c) => keys[c]!), here.map((c) => found[c]));
    const chunks = valid.length === header.chunkCount ? orderRows(valid, header.rows, header.cols) : undefined;
    if (!chunks) {
      await this.deleteParameters(model);
      this.options.onRepair?.({
        store: 'parameters',
        key: model,
        problem: 'incomplete parameter chunks; model dropped for retraining',
      });
      return undefined;
    }
    return {
      model,
      rows: header.rows,
      cols: header.cols,
      version: header.version,
      savedAt: header.savedAt,
      info: header.info,
      chunks,
    };
  }

  async deleteParameters(model: string): Promise<void> {
    await this.commit(
      [
        {
          op: 'deleteRange',
          store: 'parameters',
          lower: [model, 0],
          upper: [model, Number.MAX_SAFE_INTEGER],
        },
        { op: 'delete', store: 'models', key: model },
      ],
      'parameters',
    );
  }

  close(): void {
    this.changes?.close();
    this.backend.close();
  }
}

export interface OpenStoreOptions extends OpenIdbOptions, StoreOptions {}

/**
 * Opens the persistent store, or the in-memory fallback when IndexedDB is refused (the returned store's
 * `persistent` is false and `fallbackReason` says why). A blocked upgrade is not a reason to fall back: it
 * rejects with StorageBlockedError so the app can ask the user to close other tabs.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<GlimpseStore> {
  const storeOptions: StoreOptions = { onRepair: options.onRepair, name: options.name };
  try {
    if (!options.factory && typeof globalThis.indexedDB === 'undefined')
      throw new Error('indexedDB is not defined');
    return new GlimpseStore(await openIdbBackend(options), storeOptions);
  } catch (e) {
    if (e instanceof StorageBlockedError) throw e;
    const reason = new StorageUnavailableError(e instanceof StorageError ? (e.cause ?? e) : e);
    return new GlimpseStore(new MemoryBackend(), storeOptions, reason);
  }
}

/** Asks the browser not to evict Glimpse's data under storage pressure; false if refused or unsupported. */
export async function requestPersistentStorage(
  storage: { persist?: () => Promise<boolean> } | undefined = globalThis.navigator?.storage,
): Promise<boolean> {
  try {
    return (await storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

export { toStorageError };
