import { createRng } from '../../shared/random';
import { createMatrix, type Matrix } from './matrix';

/**
 * Seeded Gaussian random projection to k dims (Johnson-Lindenstrauss): keeps cosine geometry roughly
 * while cutting the cost of models whose per-sample work scales with feature dims (VBPR's E update).
 * One matrix multiply, unlike PCA's covariance, so it stays cheap for 1280-d embeddings.
 */
export function randomProjection(m: Matrix, k: number, seed: number): Matrix {
  const rng = createRng(seed);
  const r = new Float32Array(m.cols * k);
  const scale = 1 / Math.sqrt(k);
  for (let i = 0; i < r.length; i++) r[i] = rng.normal() * scale;
  const out = createMatrix(m.rows, k);
  for (let row = 0; row < m.rows; row++) {
    const o = row * m.cols, oo = row * k;
    for (let c = 0; c < m.cols; c++) {
      const x = m.data[o + c];
      if (x === 0) continue;
      const ro = c * k;
      for (let j = 0; j < k; j++) out.data[oo + j] += x * r[ro + j];
    }
  }
  return out;
}
