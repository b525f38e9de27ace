import { csrFromTriples, type CsrMatrix } from '../../src/core/data';
import type { Triples } from '../../src/core/data';
import { evaluateRanking, type RankingEvalOptions } from '../../src/core/eval';
import type { Recommender, TrainData } from '../../src/core/models';
import type { EvalRow } from './report';

/** Shared suite plumbing: fit a model on one split, evaluate, average rows over seeds. */
export interface SplitData {
  train: CsrMatrix;
  test: CsrMatrix;
  nUsers: number;
  nItems: number;
}

export function toSplitData(train: Triples, test: Triples, nUsers: number, nItems: number): SplitData {
  return { train: csrFromTriples(train, nUsers, nItems), test: csrFromTriples(test, nUsers, nItems), nUsers, nItems };
}

export interface Measured {
  metrics: Record<string, number>;
  trainMs: number;
  samplesPerSecond?: number;
}

export function fitAndEvaluate(model: Recommender, data: TrainData, test: CsrMatrix, options: RankingEvalOptions = {}): Measured {
  const report = model.fit(data);
  const metrics = evaluateRanking((u, out) => model.scoreUser(u, out), data.interactions, test, options);
  return { metrics, trainMs: report.ms, samplesPerSecond: report.samples ? (report.samples / report.ms) * 1000 : undefined };
}

/** Averages per-seed measurements into one EvalRow per model (metrics and train time are means). */
export class RowAverager {
  private readonly acc = new Map<string, { base: Omit<EvalRow, 'metrics' | 'seeds' | 'trainMs'>; runs: Measured[]; seeds: number[] }>();

  add(key: string, base: Omit<EvalRow, 'metrics' | 'seeds' | 'trainMs'>, seed: number, m: Measured): void {
    const e = this.acc.get(key) ?? { base, runs: [], seeds: [] };
    e.runs.push(m);
    e.seeds.push(seed);
    this.acc.set(key, e);
  }

  rows(): EvalRow[] {
    return [...this.acc.values()].map(({ base, runs, seeds }) => {
      const metrics: Record<string, number> = {},
        sd: Record<string, number> = {};
      for (const k of Object.keys(runs[0].metrics)) {
        const v = runs.map((r) => r.metrics[k]);
        metrics[k] = mean(v);
        if (v.length > 1) sd[k] = sampleSd(v);
      }
      const trainMs = runs.reduce((s, r) => s + r.trainMs, 0) / runs.length;
      const sps = runs.filter((r) => r.samplesPerSecond).map((r) => r.samplesPerSecond!);
      const notes = [base.notes, sps.length ? `${(sps.reduce((a, b) => a + b) / sps.length / 1e6).toFixed(2)} M samples/s` : ''].filter(Boolean).join('; ');
      return { ...base, seeds, metrics, ...(runs.length > 1 ? { sd } : {}), trainMs, notes: notes || undefined };
    });
  }
}

/** Keeps only the headline metrics for a table (the JSON keeps everything). */
export function pick(metrics: Record<string, number>, names: string[]): Record<string, number> {
  return Object.fromEntries(names.filter((n) => n in metrics).map((n) => [n, metrics[n]]));
}

export function mean(v: readonly number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

/** Sample standard deviation (n - 1), the spread over seeds reported next to a mean. */
export function sampleSd(v: readonly number[]): number {
  if (v.length < 2) return 0;
  const m = mean(v);
  return Math.sqrt(v.reduce((s, x) => s + (x - m) * (x - m), 0) / (v.length - 1));
}
