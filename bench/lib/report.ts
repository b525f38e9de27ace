/**
 * One benchmark result: a fast path measured against its naive baseline in the same run, with the target
 * it must meet. Ratios, not lone times, are what survive a noisy shared machine.
 */
export interface BenchRow {
  suite: string;
  case: string;
  /** What the number is, e.g. "ms (median)" or "images/s". */
  unit: string;
  value: number;
  /** Spread of the samples behind `value`. */
  min?: number;
  max?: number;
  n?: number;
  baseline?: { name: string; value: number };
  /** baseline / value for times, value / baseline for rates: > 1 means faster than the baseline. */
  speedup?: number;
  target?: { op: '<=' | '>='; value: number };
  notes?: string;
  /** Set when the case threw or timed out (value is NaN): why. */
  failed?: string;
}

export interface BenchOptions {
  quick: boolean;
  log: (line: string) => void;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<BenchRow[]>;
}

export function meets(row: BenchRow): boolean | undefined {
  if (!row.target) return undefined;
  if (row.failed) return false;
  return row.target.op === '<=' ? row.value <= row.target.value : row.value >= row.target.value;
}

const num = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

export function toMarkdown(rows: BenchRow[]): string {
  const head = ['suite', 'case', 'measured', 'target', 'met', 'baseline', 'vs baseline', 'spread (n)', 'notes'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  for (const r of rows) {
    const ok = meets(r);
    lines.push(
      `| ${[
        r.suite,
        r.case,
        r.failed ? `failed (${r.unit})` : `${num(r.value)} ${r.unit}`,
        r.target ? `${r.target.op} ${num(r.target.value)}` : '—',
        ok === undefined ? '—' : ok ? 'yes' : '**no**',
        r.baseline ? `${r.baseline.name}: ${num(r.baseline.value)}` : '—',
        r.speedup ? `${r.speedup.toFixed(1)}×` : '—',
        r.min !== undefined && r.max !== undefined ? `${num(r.min)}–${num(r.max)} (${r.n ?? '?'})` : '—',
        [r.failed, r.notes].filter(Boolean).join('; ').replace(/\|/g, '/'),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
