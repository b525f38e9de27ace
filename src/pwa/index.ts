// The public surface of src/pwa for the app. Importing it starts nothing; startPwa() and
// registerGlimpseSW() do, and only in a browser.
export { registerGlimpseSW, isApplyingUpdate, appMayStart } from './register-sw';
export { holdDuringUpdate } from './hold-during-update';
export type { GlimpseSW, PwaUpdateHandlers } from './update-flow';
export { startPwa, type StartPwaOptions, type PwaStart } from './start';
export { browserConnectivity, createConnectivity, networkNeeded, type Connectivity } from './connectivity';
export { getStorageReport, requestPersistentStorage, formatBytes, type StorageReport, type PersistenceResult } from './storage-persistence';
export { mountUpdateToast, mountOfflineBadge } from './ui';
export { warmUrls, warmCatalogThumbnails, catalogPictureUrls, type WarmReport } from './warm-cache';
export { CACHE_NAMES } from './caching';
