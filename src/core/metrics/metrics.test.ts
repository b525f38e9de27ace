import { describe, expect, it } from 'vitest';
import { fromRows } from '../linalg';
import {
  auc,
  catalogCoverage,
  intraListDiversity,
  mae,
  ndcgAtK,
  novelty,
  precisionAtK,
  recallAtK,
  reciprocalRank,
  rmse,
} from './index';

// Golden values computed by hand (comments show the arithmetic).
describe('ranking metrics', () => {
  const ranked = [5, 1, 7, 3, 9];
  const relevant = new Set([1, 3, 8]);

  it('precision and recall at K', () => {
    expect(precisionAtK(ranked, relevant, 2)).toBe(0.5); // hit at rank 2 of 2
    expect(precisionAtK(ranked, relevant, 5)).toBe(0.4); // 2 hits / 5
    expect(recallAtK(ranked, relevant, 5)).toBeCloseTo(2 / 3, 12);
  });

  it('NDCG at K', () => {
    // DCG = 1/log2(3) + 1/log2(5); IDCG = 1 + 1/log2(3) + 1/log2(4)
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
    const idcg = 1 + 1 / Math.log2(3) + 0.5;
    expect(ndcgAtK(ranked, relevant, 5)).toBeCloseTo(dcg / idcg, 12);
    expect(ndcgAtK([1, 3, 8], relevant, 3)).toBeCloseTo(1, 12);
    expect(ndcgAtK([0], new Set<number>(), 10)).toBe(0);
    // K smaller than |relevant|: IDCG uses K hits
    expect(ndcgAtK([1], relevant, 1)).toBe(1);
  });

  it('reciprocal rank', () => {
    expect(reciprocalRank(ranked, relevant)).toBe(0.5);
    expect(reciprocalRank([0, 2], relevant)).toBe(0);
  });

  it('AUC with ties and a candidate mask', () => {
    // positives {0: 0.9, 2: 0.5}; negatives {1: 0.7, 3: 0.5, 4: 0.1}
    // 0.9 beats 3 negatives; 0.5 beats 0.1, ties 0.5 (half) -> (3 + 1.5) / 6
    const s = [0.9, 0.7, 0.5, 0.5, 0.1];
    expect(auc(s, new Set([0, 2]))).toBeCloseTo(4.5 / 6, 12);
    // masking item 1 away: (2 + 1.5) / 4
    expect(auc(s, new Set([0, 2]), Uint8Array.from([0, 1, 0, 0, 0]))).toBeCloseTo(3.5 / 4, 12);
    expect(auc(s, new Set<number>())).toBeNaN();
  });
});

describe('beyond-accuracy metrics', () => {
  it('coverage counts distinct recommended items', () => {
    expect(
      catalogCoverage(
        [
          [1, 2],
          [2, 3],
        ],
        10,
      ),
    ).toBeCloseTo(0.3, 12);
  });

  it('intra-list diversity is mean pairwise 1 - cosine', () => {
    const f = fromRows([
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    // pairs (0,1)=1, (0,2)=0, (1,2)=1 -> 2/3
    expect(intraListDiversity([0, 1, 2], f)).toBeCloseTo(2 / 3, 6);
  });

  it('novelty is mean -log2(popularity share)', () => {
    // items seen by 5 and 1 of 10 users: (1 + log2(10)) / 2
    expect(novelty([0, 1], [5, 1], 10)).toBeCloseTo((1 + Math.log2(10)) / 2, 12);
  });
});

describe('rating errors', () => {
  it('RMSE and MAE', () => {
    expect(rmse([3, 4], [4, 2])).toBeCloseTo(Math.sqrt(2.5), 12); // errors 1, 2
    expect(mae([3, 4], [4, 2])).toBe(1.5);
    expect(() => rmse([1], [1, 2])).toThrow(RangeError);
  });
});
