import { createRuntimeEnv, type BackendEnv, type RuntimeEnvOptions } from './probe';
import { BACKEND_ORDER, type BackendCandidate, type BackendName, type BackendReport } from './types';

export interface SelectBackendOptions extends RuntimeEnvOptions {
  /** 'auto' (default) probes and measures; a name tries that backend first, then the default order. */
  preferred?: BackendName | 'auto';
  /** Candidates to consider, in order (default webgpu, webgl, wasm, cpu). */
  candidates?: readonly BackendName[];
  /** Measure the surviving candidates and keep the fastest (default true; false keeps the first). */
  measure?: boolean;
  /** Injected runtime (tests); defaults to the real browser/Node runtime. */
  env?: BackendEnv;
}

export class NoBackendError extends Error {
  override name = 'NoBackendError';
  constructor(readonly report: Omit<BackendReport, 'chosen'>) {
    super(
      'No TF.js backend could be initialised: ' + report.candidates.map((c) => `${c.name}: ${c.reason}`).join('; '),
    );
  }
}

/**
 * Chooses and activates a TF.js backend and says why. In auto mode every candidate is probed; software
 * GPUs (SwiftShader, fallback adapters) are rejected because they run far slower than wasm on the same
 * CPU; the survivors are measured on this device and the fastest wins. With a user's choice, that
 * backend is used if it initialises (even on a software renderer, with the fact recorded), otherwise
 * the next in the default order.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendReport> {
  const env = options.env ?? createRuntimeEnv(options);
  const requested = options.preferred ?? 'auto';
  const base = options.candidates ?? BACKEND_ORDER;
  const order = requested === 'auto' ? [...base] : [requested, ...base.filter((b) => b !== requested)];
  const candidates: BackendCandidate[] = order.map((name) => ({ name, status: 'not-tried', reason: 'not needed' }));
  const survivors: BackendCandidate[] = [];

  for (const c of candidates) {
    if (requested !== 'auto' && survivors.length > 0) break;
    const probe = await env.probe(c.name);
    if (probe.device) c.device = probe.device;
    if (!probe.available) {
      Object.assign(c, { status: 'not-available', reason: probe.reason });
      continue;
    }
    const userChoice = requested === c.name;
    if (probe.software && !userChoice) {
      Object.assign(c, { status: 'software-renderer', reason: `${probe.reason}: slower than WebAssembly on this CPU` });
      continue;
    }
    const act = await env.activate(c.name);
    if (!act.ok) {
      Object.assign(c, { status: 'init-failed', reason: act.reason });
      continue;
    }
    c.reason = probe.software ? `${probe.reason}; used because it was explicitly requested` : probe.reason;
    survivors.push(c);
  }
  if (survivors.length === 0) throw new NoBackendError({ requested, candidates, fallbacks: [] });

  let chosen = survivors[0]!;
  if (requested === 'auto' && survivors.length > 1 && options.measure !== false) {
    for (const c of survivors) {
      const act = await env.activate(c.name);
      if (!act.ok) {
        Object.assign(c, { status: 'init-failed', reason: act.reason });
        continue;
      }
      try {
        c.msPerOp = await env.benchmark(c.name);
      } catch (err) {
        Object.assign(c, { status: 'init-failed', reason: `micro-benchmark failed: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    const measured = survivors.filter((c) => c.msPerOp !== undefined).sort((a, b) => a.msPerOp! - b.msPerOp!);
    if (measured.length === 0) throw new NoBackendError({ requested, candidates, fallbacks: [] });
    chosen = measured[0]!;
    for (const c of measured.slice(1)) {
      Object.assign(c, {
        status: 'slower',
        reason: `${c.reason}; measured ${c.msPerOp!.toFixed(1)} ms/op vs ${chosen.name} ${chosen.msPerOp!.toFixed(1)} ms/op`,
      });
    }
  }
  const act = await env.activate(chosen.name);
  if (!act.ok) throw new NoBackendError({ requested, candidates, fallbacks: [] });
  chosen.status = 'chosen';
  if (requested === 'auto' && chosen.msPerOp !== undefined) chosen.reason = `${chosen.reason}; fastest measured (${chosen.msPerOp.toFixed(1)} ms/op)`;
  else if (requested === chosen.name) chosen.reason = `${chosen.reason}; requested by the user`;
  return { requested, chosen: chosen.name, candidates, fallbacks: [] };
}

/**
 * After `failed` broke at run time (lost GPU device, kernel error), activates the next usable candidate
 * in the report's order and returns the updated report. Throws NoBackendError when none is left.
 */
export async function fallBackFrom(
  report: BackendReport,
  failed: BackendName,
  reason: string,
  options: Pick<SelectBackendOptions, 'env' | 'wasmPath' | 'wasmThreads'> = {},
): Promise<BackendReport> {
  const env = options.env ?? createRuntimeEnv(options);
  const candidates = report.candidates.map((c) => ({ ...c }));
  const failedAt = candidates.findIndex((c) => c.name === failed);
  if (failedAt >= 0) Object.assign(candidates[failedAt]!, { status: 'failed-at-runtime', reason });
  const next = [...candidates.slice(failedAt + 1), ...candidates.slice(0, Math.max(failedAt, 0))].filter(
    (c) => c.status === 'slower' || c.status === 'not-tried',
  );
  // Prefer the measured-fastest survivors, then the untried ones in order.
  next.sort((a, b) => (a.msPerOp ?? Infinity) - (b.msPerOp ?? Infinity));
  for (const c of next) {
    const probe = await env.probe(c.name);
    if (!probe.available) {
      Object.assign(c, { status: 'not-available', reason: probe.reason });
      continue;
    }
    const act = await env.activate(c.name);
    if (!act.ok) {
      Object.assign(c, { status: 'init-failed', reason: act.reason });
      continue;
    }
    Object.assign(c, { status: 'chosen', reason: `fallback after ${failed} failed: ${reason}` });
    return { ...report, chosen: c.name, candidates, fallbacks: [...report.fallbacks, { from: failed, to: c.name, reason }] };
  }
  throw new NoBackendError({ requested: report.requested, candidates, fallbacks: report.fallbacks });
}
