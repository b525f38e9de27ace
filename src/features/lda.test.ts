import { describe, expect, it } from 'vitest';
import { createRng } from '../shared/random';
import { centerAndNormalize } from './embedding-post';
import { fitLda, projectLda } from './lda';
import { retrievalScores } from './retrieval';

/**
 * Synthetic clusters: 4 classes separated along 3 low-variance axes, buried under 20 high-variance
 * nuisance axes shared by all classes (like background and light): cosine on the raw vectors mostly
 * follows the nuisance, an LDA projection should follow the class.
 */
function clusters(seed: number, perClass: number): { rows: Float32Array[]; labels: string[] } {
  const rng = createRng(seed);
  const d = 30;
  const centres = [0, 1, 2, 3].map((c) => Float32Array.from({ length: d }, (_, j) => (j < 3 ? (c === j ? 1.5 : c === 3 ? -1.5 : 0) : 0)));
  const rows: Float32Array[] = [], labels: string[] = [];
  for (let c = 0; c < 4; c++) {
    for (let i = 0; i < perClass; i++) {
      const v = Float32Array.from({ length: d }, (_, j) => centres[c]![j]! + rng.normal() * (j >= 3 && j < 23 ? 4 : 0.5));
      rows.push(v);
      labels.push(`class${c}`);
    }
  }
  return { rows, labels };
}

const unit = (rows: Float32Array[]) => rows.map((r) => centerAndNormalize(r, null));

describe('fitLda', () => {
  it('finds the class axes under stronger nuisance variance and generalises to new samples', () => {
    const train = clusters(1, 80);
    const test = clusters(2, 40);
    const model = fitLda(train.rows, train.labels, { pcaDims: 30, shrinkage: 0.05 });
    expect(model.k).toBe(3);
    expect(model.classes).toEqual(['class0', 'class1', 'class2', 'class3']);
    for (let i = 1; i < model.k; i++) expect(model.separations[i - 1]).toBeGreaterThanOrEqual(model.separations[i]!);
    const raw = retrievalScores(unit(test.rows), test.labels);
    const projected = retrievalScores(unit(test.rows.map((r) => projectLda(model, r))), test.labels);
    expect(projected.precisionAt1).toBeGreaterThan(0.9);
    expect(projected.pairAuc).toBeGreaterThan(0.9);
    expect(projected.precisionAt1).toBeGreaterThan(raw.precisionAt1 + 0.2);
  });

  it('is deterministic for a seed and honours k', () => {
    const { rows, labels } = clusters(3, 30);
    const a = fitLda(rows, labels, { k: 2, pcaDims: 10, seed: 4 });
    const b = fitLda(rows, labels, { k: 2, pcaDims: 10, seed: 4 });
    expect(a.directions).toEqual(b.directions);
    expect(projectLda(a, rows[0]!).length).toBe(2);
  });

  it('rejects bad input', () => {
    const { rows, labels } = clusters(3, 5);
    expect(() => fitLda(rows, labels.slice(1))).toThrow(/labels/);
    expect(() => fitLda(rows, labels.map(() => 'one'))).toThrow(/two classes/);
    expect(() => fitLda(rows, labels, { k: 4 })).toThrow(/classes - 1/);
    expect(() => fitLda(rows, labels, { shrinkage: 2 })).toThrow(/shrinkage/);
  });
});
