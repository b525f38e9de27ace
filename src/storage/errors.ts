/**
 * Typed storage errors. Each carries a stable `code` so the worker can serialise it and the UI can
 * show a specific message; the message itself is written for a person.
 */
export type StorageErrorCode =
  'quota' | 'blocked' | 'version-change' | 'closed' | 'unavailable' | 'invalid-import' | 'failed';

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class StorageQuotaError extends StorageError {
  override name = 'StorageQuotaError';
  constructor(cause?: unknown) {
    super(
      'quota',
      'The browser refused to store more data for Glimpse (storage quota exceeded). Free some space ' +
        '(e.g. delete other site data) or export and reset your profile; nothing already saved was lost.',
      { cause },
    );
  }
}

export class StorageBlockedError extends StorageError {
  override name = 'StorageBlockedError';
  constructor(
    readonly fromVersion: number,
    readonly toVersion: number,
  ) {
    super(
      'blocked',
      `Glimpse needs to upgrade its local database (v${fromVersion} -> v${toVersion}) but another open Glimpse ` +
        'tab is still using the old version. Close or reload the other tabs.',
    );
  }
}

export class StorageVersionChangeError extends StorageError {
  override name = 'StorageVersionChangeError';
  constructor() {
    super(
      'version-change',
      'Another Glimpse tab upgraded or deleted the local database, so this tab closed its connection. Reload the page.',
    );
  }
}

export class StorageClosedError extends StorageError {
  override name = 'StorageClosedError';
  constructor() {
    super('closed', 'The Glimpse database connection is closed. Reload the page.');
  }
}

export class StorageUnavailableError extends StorageError {
  override name = 'StorageUnavailableError';
  constructor(cause?: unknown) {
    super(
      'unavailable',
      'IndexedDB is not available in this browser mode; nothing will be kept after this tab closes.',
      {
        cause,
      },
    );
  }
}

export class ImportValidationError extends StorageError {
  override name = 'ImportValidationError';
  constructor(readonly issues: string[]) {
    super(
      'invalid-import',
      `This file is not a valid Glimpse export, nothing was changed: ${issues.slice(0, 5).join('; ')}` +
        (issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''),
    );
  }
}

function domName(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'name' in e && typeof (e as { name: unknown }).name === 'string') {
    return (e as { name: string }).name;
  }
  return undefined;
}

/** Maps a raw IndexedDB/DOMException failure to a typed StorageError (already-typed errors pass through). */
export function toStorageError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const name = domName(e);
  if (name === 'QuotaExceededError') return new StorageQuotaError(e);
  // Chromium reports a quota failure inside a transaction as an AbortError whose cause is quota.
  const inner = e && typeof e === 'object' && 'cause' in e ? (e as { cause: unknown }).cause : undefined;
  if (domName(inner) === 'QuotaExceededError') return new StorageQuotaError(e);
  if (name === 'InvalidStateError' && /closing|closed/i.test(String((e as Error).message)))
    return new StorageClosedError();
  const message = e instanceof Error ? e.message : String(e);
  return new StorageError('failed', `Local storage failed: ${message}`, { cause: e });
}
