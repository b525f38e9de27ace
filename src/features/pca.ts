import { createRng } from '../shared/random';

/**
 * PCA by seeded randomised subspace iteration on the covariance matrix: deterministic for a seed,
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
  /** Power iterations (default 4). */
  iterations?: number;
  /** Extra columns beyond k for accuracy (default 10). */
  oversampling?: number;
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
  // Randomised subspace iteration (Halko et al. 2011): m = k + oversampling columns, a few power steps,
  // then Rayleigh-Ritz on the small m x m matrix (Jacobi). Cost ~ (iterations + 1) * d^2 * m.
  const m = Math.min(d, k + (options.oversampling ?? 10));
  const rng = createRng(options.seed ?? 1);
  const q = new Float64Array(m * d);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  orthonormalize(q, m, d);
  const z = new Float64Array(m * d);
  const iterations = options.iterations ?? 4;
  for (let it = 0; it <= iterations; it++) {
    multiplyRows(q, cov, z, m, d);
    if (it === iterations) break;
    orthonormalize(z, m, d);
    q.set(z);
  }
  // B = Q C Q^T (m x m), using z = Q C from the last multiply.
  const bMat = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += z[a * d + j]! * q[b * d + j]!;
      bMat[a * m + b] = s;
      bMat[b * m + a] = s;
    }
  }
  const { values, vectors } = jacobiEigen(bMat, m);
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => values[b]! - values[a]!).slice(0, k);
  const components = new Float32Array(k * d);
  const variances = new Float64Array(k);
  order.forEach((src, dst) => {
    variances[dst] = values[src]!;
    for (let r = 0; r < m; r++) {
      const w = vectors[r * m + src]!;
      if (w === 0) continue;
      for (let j = 0; j < d; j++) components[dst * d + j]! += w * q[r * d + j]!;
    }
  });
  const kept = variances.reduce((a, b) => a + b, 0);
  return { mean: Float32Array.from(mean), components, k, dims: d, variances, explained: trace > 0 ? kept / trace : 0 };
}

/** out = rows (m x d) times the symmetric matrix c (d x d). */
function multiplyRows(rows: Float64Array, c: Float64Array, out: Float64Array, m: number, d: number): void {
  out.fill(0);
  for (let r = 0; r < m; r++) {
    const off = r * d;
    for (let a = 0; a < d; a++) {
      const w = rows[off + a]!;
      if (w === 0) continue;
      const row = a * d;
      for (let b = 0; b < d; b++) out[off + b]! += w * c[row + b]!;
    }
  }
}

/** Cyclic Jacobi eigen-decomposition of a small symmetric matrix; vectors are columns of `vectors`. */
export function jacobiEigen(input: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = input.slice();
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let r = p + 1; r < n; r++) off += a[p * n + r]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let r = p + 1; r < n; r++) {
        const apr = a[p * n + r]!;
        if (Math.abs(apr) < 1e-300) continue;
        const theta = (a[r * n + r]! - a[p * n + p]!) / (2 * apr);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let i = 0; i < n; i++) {
          const aip = a[i * n + p]!, air = a[i * n + r]!;
          a[i * n + p] = c * aip - s * air;
          a[i * n + r] = s * aip + c * air;
        }
        for (let i = 0; i < n; i++) {
          const api = a[p * n + i]!, ari = a[r * n + i]!;
          a[p * n + i] = c * api - s * ari;
          a[r * n + i] = s * api + c * ari;
        }
        for (let i = 0; i < n; i++) {
          const vip = v[i * n + p]!, vir = v[i * n + r]!;
          v[i * n + p] = c * vip - s * vir;
          v[i * n + r] = s * vip + c * vir;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => a[i * n + i]!), vectors: v };
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

/**
 * Modified Gram-Schmidt on k rows of length d, in place, applied twice ("twice is enough") for stability.
 * Rows that are (numerically) dependent on earlier ones become zero: with fewer samples than components
 * the extra components carry no variance instead of amplified rounding noise.
 */
function orthonormalize(m: Float64Array, k: number, d: number): void {
  for (let c = 0; c < k; c++) {
    const oc = c * d;
    let before = 0;
    for (let j = 0; j < d; j++) before += m[oc + j]! * m[oc + j]!;
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < c; p++) {
        const op = p * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += m[oc + j]! * m[op + j]!;
        if (s !== 0) for (let j = 0; j < d; j++) m[oc + j]! -= s * m[op + j]!;
      }
    }
    let ss = 0;
    for (let j = 0; j < d; j++) ss += m[oc + j]! * m[oc + j]!;
    if (ss <= before * 1e-20 || ss === 0) {
      m.fill(0, oc, oc + d);
      continue;
    }
    const norm = Math.sqrt(ss);
    for (let j = 0; j < d; j++) m[oc + j]! /= norm;
  }
}
