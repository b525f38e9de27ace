/**
 * Durable storage for the private profile. Without persistence the browser may evict IndexedDB and the
 * caches under storage pressure; with it, only the user can clear them. Chromium grants or denies
 * silently (engagement, installed app); Firefox may ask the user.
 */

export type StorageLike = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;

export interface PersistenceResult {
  supported: boolean;
  /** True when the origin's storage is (now) persistent. */
  persisted: boolean;
  /** True when this call asked the browser (it was not persistent before). */
  requested: boolean;
}

export interface StorageReport {
  supported: boolean;
  persisted: boolean;
  usageBytes: number | null;
  quotaBytes: number | null;
  /** usage / quota in 0..1, or null when unknown. */
  usageRatio: number | null;
}

function defaultStorage(): StorageLike | undefined {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : undefined;
}

/** Asks for persistent storage once; never throws (a refusal is a normal answer). */
export async function requestPersistentStorage(
  storage: StorageLike | undefined = defaultStorage(),
): Promise<PersistenceResult> {
  if (!storage?.persist || !storage.persisted) return { supported: false, persisted: false, requested: false };
  try {
    if (await storage.persisted()) return { supported: true, persisted: true, requested: false };
    return { supported: true, persisted: await storage.persist(), requested: true };
  } catch {
    return { supported: true, persisted: false, requested: true };
  }
}

/** Usage and quota for the Insights screen (the browser's estimate, which rounds and pads on purpose). */
export async function getStorageReport(storage: StorageLike | undefined = defaultStorage()): Promise<StorageReport> {
  if (!storage?.estimate) {
    return { supported: false, persisted: false, usageBytes: null, quotaBytes: null, usageRatio: null };
  }
  const [estimate, persisted] = await Promise.all([
    storage.estimate().catch(() => ({}) as StorageEstimate),
    storage.persisted ? storage.persisted().catch(() => false) : Promise.resolve(false),
  ]);
  const usage = typeof estimate.usage === 'number' ? estimate.usage : null;
  const quota = typeof estimate.quota === 'number' ? estimate.quota : null;
  return {
    supported: true,
    persisted,
    usageBytes: usage,
    quotaBytes: quota,
    usageRatio: usage !== null && quota !== null && quota > 0 ? usage / quota : null,
  };
}

/** 1536 -> "1.5 KB", 4070174 -> "3.9 MB" (binary units, one decimal). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return 'unknown';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
