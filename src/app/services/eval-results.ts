import { z } from 'zod';

/** The JSON `npm run eval` writes (scripts/eval: payload of EvalRow), as the Insights screen reads it. */
const rowSchema = z.object({
  suite: z.string(),
  dataset: z.string(),
  protocol: z.string(),
  model: z.string(),
  metrics: z.record(z.string(), z.number()),
  seeds: z.array(z.number()).optional(),
  trainMs: z.number().optional(),
  candidates: z.string().optional(),
  notes: z.string().optional(),
});
const payloadSchema = z.object({
  date: z.string(),
  quick: z.boolean().optional(),
  /** Set by scripts/setup/eval-reports.ts: which eval run each suite's rows come from. */
  sources: z.array(z.object({ suite: z.string(), file: z.string(), date: z.string(), quick: z.boolean() })).optional(),
  rows: z.array(rowSchema),
});

export type EvalPayload = z.infer<typeof payloadSchema>;
export type EvalResultRow = z.infer<typeof rowSchema>;

export const EVAL_RESULTS_PATH = 'generated/eval/latest.json';

/** Fetches the build's evaluation results; undefined when the build has none (or they do not parse). */
export async function loadEvalResults(fetchImpl: typeof fetch, baseUrl: string): Promise<EvalPayload | undefined> {
  try {
    const response = await fetchImpl(new URL(EVAL_RESULTS_PATH, new URL(baseUrl, window.location.href)).href);
    if (!response.ok || (response.headers.get('content-type') ?? '').includes('text/html')) return undefined;
    const parsed = payloadSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface EvalGroup {
  title: string;
  /** Metric names in reading order: precision, recall, NDCG, MRR, AUC, coverage, diversity, then the rest. */
  metrics: string[];
  rows: EvalResultRow[];
  seeds: number[];
  candidates?: string;
}

/** Bookkeeping columns in the reports that are not quality measures. */
const NOT_METRICS = new Set(['users', 'queries']);
const FAMILY_ORDER = [/^(cat)?P@/, /^R@/, /^NDCG@/, /^MRR$/, /AUC$/, /^coverage@/, /^ILD@/, /^novelty@/];
const family = (m: string) => {
  const i = FAMILY_ORDER.findIndex((re) => re.test(m));
  return i < 0 ? FAMILY_ORDER.length : i;
};

/** Reference points every report includes so the real models have something to beat. */
export function isBaseline(model: string): boolean {
  return /^(random|popularity|global-mean)$/i.test(model) || /baseline/i.test(model);
}

/** Error measures: smaller is better. */
export function lowerIsBetter(metric: string): boolean {
  return /^(RMSE|MAE)$/i.test(metric);
}

/** Rows grouped by suite, dataset and protocol (numbers are only comparable inside a group). */
export function groupEvalRows(rows: readonly EvalResultRow[]): EvalGroup[] {
  const groups = new Map<string, EvalResultRow[]>();
  for (const row of rows) {
    const key = `${row.suite} · ${row.dataset} · ${row.protocol}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups].map(([title, list]) => {
    const names = [...new Set(list.flatMap((r) => Object.keys(r.metrics)))].filter((m) => !NOT_METRICS.has(m));
    // Stable sort: inside a family (P@10, P@20) the report's own order stays.
    const metrics = names.map((m, i) => ({ m, i })).sort((a, b) => family(a.m) - family(b.m) || a.i - b.i).map((x) => x.m);
    const candidates = [...new Set(list.map((r) => r.candidates).filter((c): c is string => !!c))];
    return {
      title,
      metrics,
      rows: list,
      seeds: [...new Set(list.flatMap((r) => r.seeds ?? []))].sort((a, b) => a - b),
      ...(candidates.length === 1 ? { candidates: candidates[0] } : {}),
    };
  });
}

/** The axis a metric's bars are drawn on: [0, 1] for rates and scores in that range, else [0, max]. */
export function metricScale(values: readonly number[]): number {
  const max = Math.max(0, ...values.map((v) => Math.abs(v)).filter(Number.isFinite));
  return max <= 1 ? 1 : max;
}
