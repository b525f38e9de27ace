import { mkdirSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyEvalReports, mergeEvalReports } from './eval-reports';

const row = (suite: string, model: string, ndcg: number) => ({ suite, dataset: 'd', protocol: 'p', model, metrics: { 'NDCG@10': ndcg } });
const report = (date: string, rows: unknown[], quick = false) => JSON.stringify({ date, quick, rows });

describe('mergeEvalReports', () => {
  it('takes each suite from the newest report that ran it', () => {
    const { merged, skipped } = mergeEvalReports([
      { name: 'eval-old.json', text: report('2026-11-01T00:00:00Z', [row('movielens', 'bpr', 0.1), row('taste', 'knn', 0.5)]) },
      { name: 'eval-new.json', text: report('2026-11-02T00:00:00Z', [row('movielens', 'bpr', 0.2)], true) },
    ]);
    expect(skipped).toEqual([]);
    expect(merged?.rows.map((r) => [r.suite, (r.metrics as Record<string, number>)['NDCG@10']])).toEqual([
      ['movielens', 0.2],
      ['taste', 0.5],
    ]);
    expect(merged?.date).toBe('2026-11-02T00:00:00Z');
    expect(merged?.quick).toBe(true);
    expect(merged?.sources.map((s) => `${s.suite}:${s.file}`)).toEqual(['movielens:eval-new.json', 'taste:eval-old.json']);
  });

  it('skips files that are not eval reports and returns nothing when none is usable', () => {
    const { merged, skipped } = mergeEvalReports([
      { name: 'a.json', text: '{not json' },
      { name: 'b.json', text: JSON.stringify({ date: 'yesterday', rows: [] }) },
      { name: 'c.json', text: report('2026-11-02T00:00:00Z', [{ model: 'no suite' }]) },
    ]);
    expect(merged).toBeUndefined();
    expect(skipped).toEqual(['a.json', 'b.json', 'c.json']);
  });
});

describe('copyEvalReports', () => {
  it('writes the merged report for the app and removes a stale one when eval-results is empty', () => {
    const root = mkdtempSync(join(tmpdir(), 'glimpse-eval-'));
    mkdirSync(join(root, 'eval-results'));
    writeFileSync(join(root, 'eval-results/eval-1.json'), report('2026-11-02T00:00:00Z', [row('taste', 'knn', 0.5)]));
    expect(copyEvalReports(root).suites).toEqual(['taste']);
    const out = join(root, 'public/generated/eval/latest.json');
    expect(JSON.parse(readFileSync(out, 'utf8')).rows[0].model).toBe('knn');

    const empty = mkdtempSync(join(tmpdir(), 'glimpse-eval-'));
    mkdirSync(join(empty, 'public/generated/eval'), { recursive: true });
    writeFileSync(join(empty, 'public/generated/eval/latest.json'), report('2026-01-01T00:00:00Z', [row('x', 'y', 1)]));
    expect(copyEvalReports(empty).suites).toEqual([]);
    expect(existsSync(join(empty, 'public/generated/eval/latest.json'))).toBe(false);
  });
});
