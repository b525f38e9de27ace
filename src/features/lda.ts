import { fitPca, jacobiEigen, projectPca, type PcaModel } from './pca';

/**
 * Fisher linear discriminant analysis (pure): a linear map to at most (classes - 1) dims in which
 * same-class vectors sit close and class means far apart, so cosine neighbours follow the labels rather
 * than the photographer, background or light. MobileNetV2's 1280 dims outnumber the photos of most
 * classes, so the within-class scatter is estimated after a PCA (the "Fisherfaces" recipe) and shrunk
 * towards a multiple of the identity (Ledoit-Wolf style) before it is inverted.
 */
export interface LdaModel {
  /** The PCA applied first (its mean is the training mean). */
  pca: PcaModel;
  /** Row-major k x pca.k: whitened discriminant directions, by decreasing between-class variance. */
  directions: Float32Array;
  k: number;
  /** Between-class variance (in within-class units) along each direction. */
  separations: Float64Array;
  classes: string[];
}

export interface LdaOptions {
  /** Output dims (default: classes - 1). */
  k?: number;
  /** PCA dims before the discriminant step (default min(256, dims, rows - 1)). */
  pcaDims?: number;
  /** Shrinkage of the within-class scatter towards (trace / p) I, in [0, 1] (default 0.1). */
  shrinkage?: number;
  seed?: number;
}

export function fitLda(rows: readonly Float32Array[], labels: readonly string[], options: LdaOptions = {}): LdaModel {
  if (rows.length !== labels.length) throw new Error(`fitLda: ${rows.length} rows, ${labels.length} labels`);
  const classes = [...new Set(labels)].sort();
  if (classes.length < 2) throw new Error('fitLda: need at least two classes');
  const k = options.k ?? classes.length - 1;
  if (k < 1 || k > classes.length - 1) throw new Error(`fitLda: k=${k} must be in 1..${classes.length - 1} (classes - 1)`);
  const gamma = options.shrinkage ?? 0.1;
  if (!(gamma >= 0 && gamma <= 1)) throw new Error(`fitLda: shrinkage ${gamma} must be in [0, 1]`);
  const p = Math.min(options.pcaDims ?? 256, rows[0]!.length, rows.length - 1);
  const pca = fitPca(rows, p, { seed: options.seed ?? 1 });
  const z = rows.map((r) => projectPca(pca, r));
  const cls = labels.map((l) => classes.indexOf(l));
  const counts = new Float64Array(classes.length);
  const means = new Float64Array(classes.length * p);
  z.forEach((v, i) => {
    counts[cls[i]!]!++;
    for (let j = 0; j < p; j++) means[cls[i]! * p + j]! += v[j]!;
  });
  counts.forEach((c, ci) => {
    for (let j = 0; j < p; j++) means[ci * p + j]! /= c;
  });
  const sw = new Float64Array(p * p);
  const x = new Float64Array(p);
  z.forEach((v, i) => {
    for (let j = 0; j < p; j++) x[j] = v[j]! - means[cls[i]! * p + j]!;
    for (let a = 0; a < p; a++) {
      const xa = x[a]!;
      for (let b = a; b < p; b++) sw[a * p + b]! += xa * x[b]!;
    }
  });
  let trace = 0;
  for (let a = 0; a < p; a++) trace += sw[a * p + a]!;
  const ridge = (gamma * trace) / p;
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const v = (1 - gamma) * sw[a * p + b]! + (a === b ? ridge : 0);
      sw[a * p + b] = v;
      sw[b * p + a] = v;
    }
  }
  // Whitening W = V diag(1/sqrt(lambda)) of the shrunk within-class scatter, then the eigenvectors of the
  // between-class scatter in whitened coordinates: the generalised problem Sb w = l Sw w, symmetrically.
  const sweig = jacobiEigen(sw, p);
  const white = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let c = 0; c < p; c++) white[a * p + c] = sweig.vectors[a * p + c]! / Math.sqrt(Math.max(sweig.values[c]!, 1e-12));
  }
  const n = rows.length;
  const sb = new Float64Array(p * p);
  const m = new Float64Array(p);
  for (let ci = 0; ci < classes.length; ci++) {
    // Whitened class mean (the overall mean is ~0 after the PCA centring).
    m.fill(0);
    for (let a = 0; a < p; a++) {
      const ma = means[ci * p + a]!;
      if (ma === 0) continue;
      for (let c = 0; c < p; c++) m[c]! += ma * white[a * p + c]!;
    }
    const w = counts[ci]! / n;
    for (let a = 0; a < p; a++) for (let b = a; b < p; b++) sb[a * p + b]! += w * m[a]! * m[b]!;
  }
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) sb[b * p + a] = sb[a * p + b]!;
  const sbeig = jacobiEigen(sb, p);
  const order = Array.from({ length: p }, (_, i) => i).sort((a, b) => sbeig.values[b]! - sbeig.values[a]!).slice(0, k);
  const directions = new Float32Array(k * p);
  const separations = new Float64Array(k);
  order.forEach((src, dst) => {
    separations[dst] = sbeig.values[src]!;
    // direction (in PCA coordinates) = W * u
    for (let a = 0; a < p; a++) {
      let s = 0;
      for (let c = 0; c < p; c++) s += white[a * p + c]! * sbeig.vectors[c * p + src]!;
      directions[dst * p + a] = s;
    }
  });
  return { pca, directions, k, separations, classes };
}

/** Projects one vector (same space as the training rows) onto the discriminant directions. */
export function projectLda(model: LdaModel, v: Float32Array): Float32Array {
  const z = projectPca(model.pca, v);
  const p = model.pca.k;
  const out = new Float32Array(model.k);
  for (let c = 0; c < model.k; c++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += z[j]! * model.directions[c * p + j]!;
    out[c] = s;
  }
  return out;
}
