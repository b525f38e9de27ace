/**
 * What every evaluation suite returns. Each number travels with the conditions it was measured under
 * (dataset, split, seed(s), K, candidate set) so a table row can never be read out of context.
 */
export interface EvalRow {
  suite: string;
  dataset: string;
  protocol: string;
  model: string;
  /** Seeds averaged over, e.g. [1, 2, 3]. */
  seeds: number[];
  /** What the ranking ranks over, e.g. "all items minus the user's training items". */
  candidates: string;
  metrics: Record<string, number>;
  /** Sample standard deviation of each metric over the seeds (when more than one seed ran). */
  sd?: Record<string, number>;
  /** Training time in ms, when there is training. */
  trainMs?: number;
  notes?: string;
}

export interface SuiteOptions {
  quick: boolean;
  /** Absolute path of the asset folder (GLIMPSE_ASSETS). */
  assets: string;
  /** Absolute path where suites may write plots (SVG) next to the JSON. */
  outDir: string;
  log: (line: string) => void;
}

export interface EvalSuite {
  name: string;
  description: string;
  run(options: SuiteOptions): Promise<EvalRow[]>;
}

export function fmt(x: number | undefined, digits = 3): string {
  return x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits);
}

/** Markdown table: one row per EvalRow, metric columns in first-seen order. */
export function toMarkdown(rows: EvalRow[]): string {
  const metricNames = [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))];
  const head = ['suite', 'dataset', 'protocol', 'model', ...metricNames, 'train ms', 'seeds', 'candidates'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  for (const r of rows) {
    lines.push(
      `| ${[
        r.suite,
        r.dataset,
        r.protocol,
        r.model,
        ...metricNames.map((m) => (r.sd?.[m] === undefined ? fmt(r.metrics[m]) : `${fmt(r.metrics[m])} ± ${fmt(r.sd[m])}`)),
        r.trainMs === undefined ? '—' : r.trainMs.toFixed(0),
        r.seeds.join(','),
        r.candidates,
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
