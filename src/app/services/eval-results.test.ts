import { describe, expect, it } from 'vitest';
import { groupEvalRows, isBaseline, lowerIsBetter, metricScale, type EvalResultRow } from './eval-results';

const row = (model: string, metrics: Record<string, number>, protocol = 'p'): EvalResultRow => ({ suite: 's', dataset: 'd', protocol, model, metrics, seeds: [2, 1] });

describe('groupEvalRows', () => {
  it('groups by suite, dataset and protocol and orders metrics precision, recall, NDCG, AUC, coverage, diversity', () => {
    const groups = groupEvalRows([
      row('bpr', { users: 90, 'coverage@20': 0.3, AUC: 0.9, 'ILD@20': 0.4, 'NDCG@10': 0.2, 'R@10': 0.1, 'P@10': 0.05, 'P@20': 0.04 }),
      row('popularity', { 'P@10': 0.03 }),
      row('mf', { RMSE: 0.9 }, 'explicit'),
    ]);
    expect(groups.map((g) => g.title)).toEqual(['s · d · p', 's · d · explicit']);
    expect(groups[0].metrics).toEqual(['P@10', 'P@20', 'R@10', 'NDCG@10', 'AUC', 'coverage@20', 'ILD@20']);
    expect(groups[0].rows.map((r) => r.model)).toEqual(['bpr', 'popularity']);
    expect(groups[0].seeds).toEqual([1, 2]);
  });
});

describe('chart helpers', () => {
  it('marks the reference models as baselines and error measures as lower-is-better', () => {
    expect(['random', 'popularity', 'global-mean', 'raw 32x32 RGB pixels (baseline)'].every(isBaseline)).toBe(true);
    expect(['bpr', 'vbpr', 'ease', 'visual-profile'].some(isBaseline)).toBe(false);
    expect(lowerIsBetter('RMSE')).toBe(true);
    expect(lowerIsBetter('NDCG@10')).toBe(false);
  });

  it('draws rates on an absolute [0, 1] axis and unbounded measures on [0, max]', () => {
    expect(metricScale([0.02, 0.04])).toBe(1);
    expect(metricScale([0.9, 1.05])).toBe(1.05);
    expect(metricScale([])).toBe(1);
  });
});
