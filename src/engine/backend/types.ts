import type { BackendStatus } from '../../shared/backend-status';

/** The TF.js backends Glimpse knows, in the default order of preference. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Statuses and their meaning live in shared, so the UI can translate them without importing the engine. */
export type CandidateStatus = BackendStatus;

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
