/**
 * How a TF.js backend candidate ended in the device's backend choice. The engine sets it; the UI translates it
 * (the engine's free-text reason stays as the detail).
 */
export const BACKEND_STATUSES = [
  /** Selected and active. */
  'chosen',
  /** Worked, but measured slower than the chosen one. */
  'slower',
  /** The runtime lacks the API (no navigator.gpu, no WebGL2 context, ...). */
  'not-available',
  /** The API exists but TF.js could not initialise the backend. */
  'init-failed',
  /** A GPU API backed by a CPU renderer (SwiftShader, fallback adapter): slower than wasm here. */
  'software-renderer',
  /** Not needed: an earlier (user-chosen) candidate worked. */
  'not-tried',
  /** Was chosen, then failed while running (e.g. lost GPU device); a fallback took over. */
  'failed-at-runtime',
] as const;

export type BackendStatus = (typeof BACKEND_STATUSES)[number];

export function isBackendStatus(x: unknown): x is BackendStatus {
  return typeof x === 'string' && (BACKEND_STATUSES as readonly string[]).includes(x);
}
