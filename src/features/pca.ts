import { createRng } from '../shared/random';

/**
 * PCA by seeded subspace (block power) iteration on the covariance matrix: deterministic for a seed,
 * no linear-algebra dependency. Enough for reducing ~1000-d embeddings to 32-256 dims for storage and
 * ranking; the retrieval loss is measured in the visual eval suite.
 */
export interface PcaModel {
  /** Mean subtracted before projecting (dims). */
  mean: Float32Array;
  /** Row-major components, k x dims, orthonormal rows, by decreasing variance. */
  components: Float32Array;
  k: number;
  dims: number;
  /** Variance along each component. */
  variances: Float64Array;
  /** Share of the total variance the k components keep. */
  explained: number;
}

export interface PcaOptions {
  seed?: number;
  iterations?: number;
}

export function fitPca(rows: readonly Float32Array[], k: number, options: PcaOptions = {}): PcaModel {
  const n = rows.length;
  if (n < 2) throw new Error('fitPca: need at least two rows');
  const d = rows[0]!.length;
  if (k < 1 || k > d) throw new Error(`fitPca: k=${k} must be in 1..${d}`);
  const mean = new Float64Array(d);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j]! += r[j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  // Covariance (d x d, upper triangle then mirrored), float64.
  const cov = new Float64Array(d * d);
  const x = new Float64Array(d);
  for (const r of rows) {
    for (let j = 0; j < d; j++) x[j] = r[j]! - mean[j]!;
    for (let a = 0; a < d; a++) {
      const xa = x[a]!;
      if (xa === 0) continue;
      const row = a * d;
      for (let b = a; b < d; b++) cov[row + b]! += xa * x[b]!;
    }
  }
  let trace = 0;
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = cov[a * d + b]! / (n - 1);
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
    trace += cov[a * d + a]!;
  }
  const rng = createRng(options.seed ?? 1);
  const q = new Float64Array(k * d);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  orthonormalize(q, k, d);
  const iterations = options.iterations ?? 30;
  const z = new Float64Array(k * d);
  for (let it = 0; it < iterations; it++) {
    // z = q * cov (cov is symmetric): each row of q times the matrix.
    z.fill(0);
    for (let c = 0; c < k; c++) {
      const qc = c * d;
      for (let a = 0; a < d; a++) {
        const w = q[qc + a]!;
        if (w === 0) continue;
        const row = a * d;
        for (let b = 0; b < d; b++) z[qc + b]! += w * cov[row + b]!;
      }
    }
    orthonormalize(z, k, d);
    q.set(z);
  }
  // Rayleigh quotients, then sort components by variance.
  const variances = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let a = 0; a < d; a++) {
      let t = 0;
      for (let b = 0; b < d; b++) t += cov[a * d + b]! * q[c * d + b]!;
      s += q[c * d + a]! * t;
    }
    variances[c] = s;
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => variances[b]! - variances[a]!);
  const components = new Float32Array(k * d);
  const sorted = new Float64Array(k);
  order.forEach((src, dst) => {
    sorted[dst] = variances[src]!;
    for (let j = 0; j < d; j++) components[dst * d + j] = q[src * d + j]!;
  });
  const kept = sorted.reduce((a, b) => a + b, 0);
  return { mean: Float32Array.from(mean), components, k, dims: d, variances: sorted, explained: trace > 0 ? kept / trace : 0 };
}

/** Projects one vector onto the components: (v - mean) . component_c for each c. */
export function projectPca(model: PcaModel, v: Float32Array): Float32Array {
  const out = new Float32Array(model.k);
  for (let c = 0; c < model.k; c++) {
    let s = 0;
    const off = c * model.dims;
    for (let j = 0; j < model.dims; j++) s += (v[j]! - model.mean[j]!) * model.components[off + j]!;
    out[c] = s;
  }
  return out;
}

/** Modified Gram-Schmidt on k rows of length d, in place. */
function orthonormalize(m: Float64Array, k: number, d: number): void {
  for (let c = 0; c < k; c++) {
    const oc = c * d;
    for (let p = 0; p < c; p++) {
      const op = p * d;
      let s = 0;
      for (let j = 0; j < d; j++) s += m[oc + j]! * m[op + j]!;
      for (let j = 0; j < d; j++) m[oc + j]! -= s * m[op + j]!;
    }
    let ss = 0;
    for (let j = 0; j < d; j++) ss += m[oc + j]! * m[oc + j]!;
    const norm = Math.sqrt(ss) || 1;
    for (let j = 0; j < d; j++) m[oc + j]! /= norm;
  }
}
