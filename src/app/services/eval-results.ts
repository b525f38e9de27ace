import { z } from 'zod';

/** The JSON `npm run eval` writes (scripts/eval: payload of EvalRow), as the Insights screen reads it. */
const rowSchema = z.object({
  suite: z.string(),
  dataset: z.string(),
  protocol: z.string(),
  model: z.string(),
  metrics: z.record(z.string(), z.number()),
  trainMs: z.number().optional(),
  candidates: z.string().optional(),
  notes: z.string().optional(),
});
const payloadSchema = z.object({ date: z.string(), quick: z.boolean().optional(), rows: z.array(rowSchema) });

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
  metrics: string[];
  rows: EvalResultRow[];
}

/** Rows grouped by suite, dataset and protocol (numbers are only comparable inside a group). */
export function groupEvalRows(rows: readonly EvalResultRow[], maxMetrics = 4): EvalGroup[] {
  const groups = new Map<string, EvalResultRow[]>();
  for (const row of rows) {
    const key = `${row.suite} · ${row.dataset} · ${row.protocol}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups].map(([title, list]) => ({
    title,
    metrics: [...new Set(list.flatMap((r) => Object.keys(r.metrics)))].slice(0, maxMetrics),
    rows: list,
  }));
}
