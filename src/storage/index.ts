export * from './errors';
export * from './schema';
export * from './store';
export * from './export';
export * from './wipe';
export type { ChangeTopic } from './broadcast';
export type { StorageBackend, StoreKey, WriteOp } from './backend';
export { MemoryBackend } from './memory-backend';
export { openIdbBackend, openIdbDatabase, type OpenIdbOptions } from './idb-backend';
