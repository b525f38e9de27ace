import { DimensionError, assertFinite, kthLargest, rowDot, topK, type Matrix, type TopK } from '../linalg';
import { createInt8Kernel, int8Layout, type Int8Kernel, type Int8Layout } from './int8-kernel';

export interface IndexQueryOptions {
  excludeMask?: Uint8Array;
  include?: (item: number) => boolean;
}

/** Candidates re-scored exactly per query: enough that the error-bound check below almost never fails. */
const CANDIDATES = 256;
/** Rows sampled (with the kernel) to pick its selection threshold. */
const SAMPLE = 2048;
const SAMPLE_RUN = 128;
const Q_MAX = 32767;

/**
 * Exact top-k of M q + b over a large item table in a quarter of the memory traffic: an int8 copy of the
 * rows (per-row scale) is scored by the SIMD kernel, the best CANDIDATES are re-scored with the float rows
 * (rowDot, the same arithmetic as matVec), and a bound on the quantisation error proves that no item
 * outside the candidates could enter the exact top-k; when it cannot be proved (many near-ties) the query
 * falls back to exact scoring of every row. Results therefore equal topK(matVec(M, q, b)) exactly.
 *
 * Bound: with row r stored as s_r * a_r (|error| <= s_r/2 per element) and the query as t * b
 * (<= t/2), |approx_r - exact_r| <= t/2 * |v_r|_1 + s_r/2 * |q|_1 + d * s_r * t / 4 =: E (max over rows).
 * Any exact top-k item then has approx >= T - 2E, where T is the k-th best approximate score.
 */
export class FactorIndex {
  readonly rows: number;
  readonly dims: number;
  private readonly layout: Int8Layout;
  private readonly kernel: Int8Kernel;
  private readonly maxScale: number;
  private readonly maxL1: number;
  private readonly maxAbsBias: number;
  /** sampleThreshold's exact scores, kept so a query allocates nothing for them (rewritten by each query). */
  private readonly sample: Float64Array;

  constructor(
    readonly factors: Matrix,
    readonly bias: Float32Array,
    options: { forceJs?: boolean } = {},
  ) {
    const { rows, cols: d, data } = factors;
    if (bias.length !== rows) throw new DimensionError('item bias length', rows, bias.length);
    assertFinite(data, 'item factors');
    assertFinite(bias, 'item bias');
    this.rows = rows;
    this.dims = d;
    this.layout = int8Layout(rows, d);
    this.kernel = createInt8Kernel(this.layout, options.forceJs);
    const mem = this.kernel.memory;
    const L = this.layout;
    const items = new Int8Array(mem, L.items, rows * L.stride);
    const scales = new Float32Array(mem, L.scales, rows);
    new Float32Array(mem, L.bias, rows).set(bias);
    let maxScale = 0,
      maxL1 = 0,
      maxAbsBias = 0;
    for (let r = 0; r < rows; r++) {
      const o = r * d;
      let amax = 0,
        l1 = 0;
      for (let c = 0; c < d; c++) {
        const a = Math.abs(data[o + c]);
        l1 += a;
        if (a > amax) amax = a;
      }
      const s = amax / 127;
      scales[r] = s;
      if (s > 0) for (let c = 0; c < d; c++) items[r * L.stride + c] = Math.round(data[o + c] / s);
      // The stored scale is float32: bound with what the kernel actually multiplies by.
      maxScale = Math.max(maxScale, scales[r]);
      maxL1 = Math.max(maxL1, l1);
      maxAbsBias = Math.max(maxAbsBias, Math.abs(bias[r]));
    }
    this.maxScale = maxScale;
    this.maxL1 = maxL1;
    this.maxAbsBias = maxAbsBias;
    this.sample = new Float64Array(Math.min(rows, SAMPLE));
  }

  /** Whether the int8 scores run in WebAssembly SIMD (false: the JS fallback). */
  get simd(): boolean {
    return this.kernel.simd;
  }

  /** Exact top-k, best first, ties by the lower index (same contract as linalg topK). */
  top(q: Float32Array, k: number, options: IndexQueryOptions = {}): TopK {
    const d = this.dims;
    if (q.length !== d) throw new DimensionError('query length', d, q.length);
    assertFinite(q, 'query vector');
    k = Math.max(0, Math.min(k, this.rows));
    if (k === 0) return { indices: new Int32Array(0), scores: new Float32Array(0) };
    const L = this.layout;
    const mem = this.kernel.memory;
    let qMax = 0,
      qL1 = 0;
    for (let c = 0; c < d; c++) {
      const a = Math.abs(q[c]);
      qL1 += a;
      if (a > qMax) qMax = a;
    }
    const t = qMax / Q_MAX;
    const qi = new Int16Array(mem, L.query, L.stride);
    qi.fill(0);
    if (t > 0) for (let c = 0; c < d; c++) qi[c] = Math.round(q[c] / t);
    const pool = Math.min(this.rows, Math.max(CANDIDATES, 4 * k));
    const s = this.maxScale;
    const quant = (t / 2) * this.maxL1 + (s / 2) * qL1 + (d * s * t) / 4;
    // float32 rounding of the kernel's and rowDot's last steps: a few ulps of the largest possible score.
    const E = quant * 1.001 + (this.maxAbsBias + this.maxL1 * qMax) * 1e-6;
    const { excludeMask, include } = options;
    // Unfiltered queries (the usual feed) skip the per-row predicate calls.
    const eligible = excludeMask || include ? (i: number) => !(excludeMask && excludeMask[i]) && (!include || include(i)) : undefined;
    // In float32, as the kernel compares: the proof below must use the threshold the kernel applied.
    const threshold = Math.fround(this.sampleThreshold(t, pool, E, eligible));
    const capacity = Math.min(this.rows, Math.max(1 << 16, 64 * pool));
    let count = this.kernel.select(t, threshold, threshold === -Infinity ? this.rows : capacity);
    let all = threshold === -Infinity;
    if (!all && (count > capacity || count < k)) {
      count = this.kernel.select(t, -Infinity, this.rows);
      all = true;
    }
    const selected = new Int32Array(mem, L.selected, count);
    const approx = new Float32Array(mem, L.selectedScores, count);
    const cand = topK(approx, pool, undefined, eligible && ((j) => eligible(selected[j])));
    const n = cand.indices.length;
    const rows = Int32Array.from(cand.indices, (j) => selected[j]);
    if (n === 0) return { indices: new Int32Array(0), scores: new Float32Array(0) };
    const T = cand.scores[Math.min(k, n) - 1];
    // Every row that could be in the exact top-k has approx >= T - 2E: it must have passed the threshold
    // and, when the candidate heap was full, beaten the heap's minimum.
    const safe =
      (all || (n >= k && threshold < T - 2 * E)) && (n < pool || cand.scores[n - 1] < T - 2 * E);
    return safe ? this.rescore(q, rows, k) : this.exact(q, k, options);
  }

  /**
   * A threshold on approximate scores that about 16 x pool eligible rows pass, from the kernel's scores of an
   * even sample of rows, less the error margin (-Infinity when the sample is too small to tell: then every
   * row is selected). Any threshold keeps results exact (top() proves it or scores everything); this one
   * only has to be cheap and usually low enough: the kernel scores the 2,048 rows in a few microseconds.
   */
  private sampleThreshold(t: number, pool: number, E: number, eligible: ((i: number) => boolean) | undefined): number {
    const n = this.rows;
    const m = Math.min(n, SAMPLE);
    const wanted = Math.ceil((16 * pool * m) / n);
    if (m === n || wanted >= m / 4) return -Infinity;
    const mem = this.kernel.memory;
    const L = this.layout;
    // Contiguous runs spread over the table: an even sample for the threshold, sequential reads for the cache.
    const sample = this.sample;
    let taken = 0;
    const runs = m / SAMPLE_RUN;
    for (let j = 0; j < runs; j++) {
      const start = Math.floor((j * (n - SAMPLE_RUN)) / Math.max(1, runs - 1));
      const got = this.kernel.select(t, -Infinity, SAMPLE_RUN, start, SAMPLE_RUN);
      const rows = new Int32Array(mem, L.selected, got);
      const scores = new Float32Array(mem, L.selectedScores, got);
      for (let i = 0; i < got; i++) if (!eligible || eligible(start + rows[i])) sample[taken++] = scores[i];
    }
    if (taken < wanted) return -Infinity;
    return kthLargest(sample.subarray(0, taken), wanted) - 2 * E;
  }

  private rescore(q: Float32Array, candidates: Int32Array, k: number): TopK {
    const { data } = this.factors;
    const d = this.dims;
    // In row order, so topK's tie-break (lower position) is the lower item index.
    const rows = candidates.slice().sort();
    const exact = new Float32Array(rows.length);
    for (let j = 0; j < rows.length; j++) exact[j] = rowDot(data, rows[j] * d, q, d, this.bias[rows[j]]);
    const top = topK(exact, k);
    return { indices: Int32Array.from(top.indices, (j) => rows[j]), scores: top.scores };
  }

  private exact(q: Float32Array, k: number, options: IndexQueryOptions): TopK {
    const { data } = this.factors;
    const d = this.dims;
    const scores = new Float32Array(this.rows);
    for (let r = 0; r < this.rows; r++) scores[r] = rowDot(data, r * d, q, d, this.bias[r]);
    return topK(scores, k, options.excludeMask, options.include);
  }
}

const indexes = new WeakMap<Matrix, FactorIndex>();

/** One index per item table, built on first use and reused while the table lives. */
export function factorIndexFor(factors: Matrix, bias: Float32Array): FactorIndex {
  let index = indexes.get(factors);
  if (!index || index.bias !== bias) indexes.set(factors, (index = new FactorIndex(factors, bias)));
  return index;
}
