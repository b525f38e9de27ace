import { describe, expect, it } from 'vitest';
import { createRng } from '../shared/random';
import { centerAndNormalize } from './embedding-post';
import { auc, retrievalScores } from './retrieval';

/**
 * The photographer effect: each group (contributor) photographs each label its own way (a strong
 * group-and-label direction), the label itself carries only a weak shared signal.
 */
function photographerSet(seed: number): { rows: Float32Array[]; labels: string[]; groups: number[] } {
  const rng = createRng(seed);
  const d = 24;
  const randomDir = () => Float32Array.from({ length: d }, () => rng.normal());
  const shared = { a: randomDir(), b: randomDir() };
  const rows: Float32Array[] = [], labels: string[] = [], groups: number[] = [];
  for (let g = 0; g < 6; g++) {
    const style = { a: randomDir(), b: randomDir() };
    for (let i = 0; i < 8; i++) {
      const label = i % 2 ? 'a' : 'b';
      const v = Float32Array.from({ length: d }, (_, j) => 2 * style[label][j]! + 0.3 * shared[label][j]! + 0.3 * rng.normal());
      rows.push(centerAndNormalize(v, null));
      labels.push(label);
      groups.push(g);
    }
  }
  return { rows, labels, groups };
}

describe('retrievalScores with groups', () => {
  it('ignores same-group neighbours and pairs, so recognising the group earns nothing', () => {
    const { rows, labels, groups } = photographerSet(3);
    const within = retrievalScores(rows, labels);
    const across = retrievalScores(rows, labels, { groups });
    expect(within.queries).toBe(rows.length);
    expect(across.queries).toBe(rows.length);
    // With its own group allowed, the nearest neighbour is the same group's photo of the same label.
    expect(within.precisionAt1).toBe(1);
    expect(across.precisionAt1).toBeLessThan(0.9);
    expect(across.pairAuc).toBeLessThan(within.pairAuc);
  });

  it('scores exactly the cross-group pairs', () => {
    const rng = createRng(5);
    const n = 30;
    const rows = Array.from({ length: n }, () => centerAndNormalize(Float32Array.from({ length: 4 }, () => rng.normal()), null));
    const labels = rows.map((_, i) => ['x', 'y', 'z'][i % 3]!);
    const groups = rows.map((_, i) => Math.floor(i / 5));
    const s = retrievalScores(rows, labels, { groups });
    // Brute force over cross-group pairs and neighbours.
    const sims: number[] = [], pos: number[] = [];
    let hits = 0;
    for (let i = 0; i < n; i++) {
      let best = -Infinity, bi = -1;
      for (let j = 0; j < n; j++) {
        if (groups[i] === groups[j]) continue;
        const d = rows[i]!.reduce((acc, v, k) => acc + v * rows[j]![k]!, 0);
        if (d > best) [best, bi] = [d, j];
        if (j > i) {
          sims.push(d);
          pos.push(labels[i] === labels[j] ? 1 : 0);
        }
      }
      if (labels[bi] === labels[i]) hits++;
    }
    expect(s.precisionAt1).toBeCloseTo(hits / n, 10);
    expect(s.pairAuc).toBeCloseTo(auc(Float64Array.from(sims), Uint8Array.from(pos)), 6);
  });

  it('counts items without any other-group neighbour as no query', () => {
    const rows = [Float32Array.from([1, 0]), Float32Array.from([0, 1]), Float32Array.from([1, 0.1])].map((v) => centerAndNormalize(v, null));
    const s = retrievalScores(rows, ['a', 'b', 'a'], { groups: [1, 1, 1] });
    expect(s.queries).toBe(0);
    expect(s.precisionAt1).toBeNaN();
    expect(() => retrievalScores(rows, ['a', 'b', 'a'], { groups: [1] })).toThrow(/groups/);
  });
});

describe('auc', () => {
  it('matches the pair-counting definition on random scores with ties', () => {
    const rng = createRng(9);
    const scores = Float64Array.from({ length: 200 }, () => Math.round(rng.next() * 20) / 20);
    const positive = Uint8Array.from({ length: 200 }, () => (rng.next() < 0.3 ? 1 : 0));
    let wins = 0, pairs = 0;
    for (let i = 0; i < 200; i++) {
      if (!positive[i]) continue;
      for (let j = 0; j < 200; j++) {
        if (positive[j]) continue;
        pairs++;
        wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }
    }
    expect(auc(scores, positive)).toBeCloseTo(wins / pairs, 12);
    expect(auc(Float64Array.from([1, 2]), Uint8Array.from([1, 1]))).toBeNaN();
  });
});
