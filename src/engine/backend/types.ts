/** The TF.js backends Glimpse knows, in the default order of preference. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export type CandidateStatus =
  /** Selected and active. */
  | 'chosen'
  /** Worked, but measured slower than the chosen one. */
  | 'slower'
  /** The runtime lacks the API (no navigator.gpu, no WebGL2 context, ...). */
  | 'not-available'
  /** The API exists but TF.js could not initialise the backend. */
  | 'init-failed'
  /** A GPU API backed by a CPU renderer (SwiftShader, fallback adapter): slower than wasm here. */
  | 'software-renderer'
  /** Not needed: an earlier (user-chosen) candidate worked. */
  | 'not-tried'
  /** Was chosen, then failed while running (e.g. lost GPU device); a fallback took over. */
  | 'failed-at-runtime';

export interface BackendCandidate {
  name: BackendName;
  status: CandidateStatus;
  /** Human-readable why, shown in the UI and the bench. */
  reason: string;
  /** Median ms of the micro-benchmark op, when measured. */
  msPerOp?: number;
  /** Adapter / renderer description when the probe found one. */
  device?: string;
}

export interface BackendFallback {
  from: BackendName;
  to: BackendName;
  reason: string;
}

export interface BackendReport {
  requested: BackendName | 'auto';
  chosen: BackendName;
  candidates: BackendCandidate[];
  /** Run-time fallbacks after the initial choice, oldest first. */
  fallbacks: BackendFallback[];
}

export function isBackendName(x: unknown): x is BackendName {
  return typeof x === 'string' && (BACKEND_ORDER as readonly string[]).includes(x);
}
