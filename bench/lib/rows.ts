import type { BenchRow } from './report';
import { summarize } from './stats';

/** What a row says apart from its numbers. */
export interface RowSpec {
  suite: string;
  case: string;
  unit: string;
  /** 'time': smaller is better (speedup = baseline / value); 'rate': larger is better. */
  kind: 'time' | 'rate';
  target?: BenchRow['target'];
  notes?: string;
}

/**
 * A row from the fast path's samples (median and spread) and, when given, the naive baseline's samples from
 * the same run (its median and the speed-up ratio the report leads with).
 */
export function measuredRow(spec: RowSpec, samples: number[], baseline?: { name: string; samples: number[] }): BenchRow {
  const f = summarize(samples);
  const row: BenchRow = { suite: spec.suite, case: spec.case, unit: spec.unit, value: f.median, min: f.min, max: f.max, n: f.n };
  if (baseline) {
    const b = summarize(baseline.samples).median;
    row.baseline = { name: baseline.name, value: b };
    row.speedup = spec.kind === 'time' ? b / f.median : f.median / b;
  }
  if (spec.target) row.target = spec.target;
  if (spec.notes) row.notes = spec.notes;
  return row;
}

/** A case that threw or ran out of time: reported as a row (the run goes on) rather than crashing it. */
export function failedRow(spec: RowSpec, err: unknown): BenchRow {
  const why = err instanceof Error ? err.message : String(err);
  return {
    suite: spec.suite,
    case: spec.case,
    unit: spec.unit,
    value: NaN,
    failed: why.split('\n')[0]!.slice(0, 200),
    ...(spec.target ? { target: spec.target } : {}),
    ...(spec.notes ? { notes: spec.notes } : {}),
  };
}

export class CaseTimeout extends Error {
  override name = 'CaseTimeout';
}

/**
 * Settles with `work`, or rejects with CaseTimeout after `ms` and calls `onTimeout` (which should stop the
 * work, e.g. close its browser). The late result or error of `work` is dropped.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout?: () => Promise<void> | void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = work.catch(() => undefined);
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void Promise.resolve(onTimeout?.()).catch(() => undefined);
      reject(new CaseTimeout(`timed out after ${(ms / 1000).toFixed(0)} s`));
    }, ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
    void late;
  }
}
