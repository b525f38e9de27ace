import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The part of an `npm run eval` report (scripts/eval/index.ts) the app plots. */
interface ReportRow {
  suite: string;
  [key: string]: unknown;
}
interface Report {
  date: string;
  quick?: boolean;
  rows: ReportRow[];
}

export interface MergedReport {
  /** Date of the newest report that contributed rows. */
  date: string;
  /** True when any contributing run was `--quick`. */
  quick: boolean;
  /** One entry per suite: which run its rows come from. */
  sources: { suite: string; file: string; date: string; quick: boolean }[];
  rows: ReportRow[];
}

function asReport(value: unknown): Report | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Partial<Report>;
  if (typeof v.date !== 'string' || Number.isNaN(Date.parse(v.date)) || !Array.isArray(v.rows)) return undefined;
  if (!v.rows.every((r) => r && typeof r === 'object' && typeof (r as ReportRow).suite === 'string')) return undefined;
  return { date: v.date, quick: v.quick === true, rows: v.rows };
}

/**
 * `npm run eval -- --suite x` writes a report with only suite x, so the newest file alone would drop the
 * other suites. Per suite, the rows of the newest report that ran it win. Files that do not parse are
 * skipped (listed in `skipped`), never guessed at.
 */
export function mergeEvalReports(files: readonly { name: string; text: string }[]): { merged?: MergedReport; skipped: string[] } {
  const skipped: string[] = [];
  const reports: { name: string; report: Report }[] = [];
  for (const f of files) {
    let report: Report | undefined;
    try {
      report = asReport(JSON.parse(f.text));
    } catch {
      report = undefined;
    }
    if (report) reports.push({ name: f.name, report });
    else skipped.push(f.name);
  }
  reports.sort((a, b) => Date.parse(b.report.date) - Date.parse(a.report.date));
  const sources: MergedReport['sources'] = [];
  const rows: ReportRow[] = [];
  for (const { name, report } of reports) {
    for (const suite of new Set(report.rows.map((r) => r.suite))) {
      if (sources.some((s) => s.suite === suite)) continue;
      sources.push({ suite, file: name, date: report.date, quick: report.quick === true });
      rows.push(...report.rows.filter((r) => r.suite === suite));
    }
  }
  if (!rows.length) return { skipped };
  const newest = sources.map((s) => s.date).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  return { merged: { date: newest, quick: sources.some((s) => s.quick), sources, rows }, skipped };
}

/**
 * Copies the evaluation results from eval-results/ (gitignored output of `npm run eval`) to
 * public/generated/eval/latest.json for the Insights screen. With no reports, any stale copy is removed
 * so the app never shows numbers the current checkout did not produce.
 */
export function copyEvalReports(root: string): { suites: string[]; skipped: string[] } {
  const from = resolve(root, 'eval-results');
  const to = resolve(root, 'public/generated/eval');
  const out = resolve(to, 'latest.json');
  // latest.json duplicates the newest eval-<stamp>.json; reading both would only repeat it.
  const names = existsSync(from) ? readdirSync(from).filter((f) => /^eval-.*\.json$/.test(f)) : [];
  const { merged, skipped } = mergeEvalReports(names.map((name) => ({ name, text: readFileSync(resolve(from, name), 'utf8') })));
  if (!merged) {
    rmSync(out, { force: true });
    return { suites: [], skipped };
  }
  mkdirSync(to, { recursive: true });
  writeFileSync(out, JSON.stringify(merged));
  return { suites: merged.sources.map((s) => s.suite), skipped };
}
