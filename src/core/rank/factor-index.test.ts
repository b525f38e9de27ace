import { describe, expect, it } from 'vitest';
import { createRng } from '../../shared/random';
import { createHistory } from '../data/history';
import { createMatrix, matVec, NonFiniteError, topK, type Matrix, type TopK } from '../linalg';
import { scoreWithParams, type Recommender } from '../models';
import { FactorIndex } from './factor-index';
import { createInt8Kernel, int8Layout } from './int8-kernel';
import { INDEX_MIN_ITEMS, rank } from './rank';

function table(rows: number, dims: number, seed: number, spread = 1): { factors: Matrix; bias: Float32Array } {
  const rng = createRng(seed);
  const factors = createMatrix(rows, dims);
  for (let k = 0; k < factors.data.length; k++) factors.data[k] = (rng.next() - 0.5) * spread;
  const bias = Float32Array.from({ length: rows }, () => (rng.next() - 0.5) * 0.1);
  return { factors, bias };
}

function query(dims: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: dims }, () => rng.next() * 2 - 1);
}

/** The brute-force reference: every exact score, then the bounded heap. */
function brute(
  t: { factors: Matrix; bias: Float32Array },
  q: Float32Array,
  k: number,
  mask?: Uint8Array,
  include?: (i: number) => boolean,
): TopK {
  return topK(matVec(t.factors, q, new Float32Array(t.factors.rows), t.bias), k, mask, include);
}

const plain = (r: TopK) => ({ indices: Array.from(r.indices), scores: Array.from(r.scores) });

describe('FactorIndex (int8 scores + exact re-score)', () => {
  it.each([
    [50, 8, 20],
    [3000, 64, 20],
    [20_000, 64, 20],
    [20_000, 37, 100],
    [12, 64, 20], // fewer items than k
  ])('equals brute-force top-k on random data (%i items, %i dims, k=%i)', (rows, dims, k) => {
    const t = table(rows, dims, rows + dims);
    for (const forceJs of [false, true]) {
      const index = new FactorIndex(t.factors, t.bias, { forceJs });
      for (let s = 0; s < 3; s++) {
        const q = query(dims, 100 + s);
        expect(plain(index.top(q, k))).toEqual(plain(brute(t, q, k)));
      }
    }
  });

  it('honours exclusion masks and include predicates exactly like topK', () => {
    const t = table(30_000, 64, 3);
    const index = new FactorIndex(t.factors, t.bias);
    const q = query(64, 9);
    const best = brute(t, q, 50);
    const mask = new Uint8Array(30_000);
    for (let j = 0; j < 40; j++) mask[best.indices[j]] = 1; // hide most of the true top list
    const include = (i: number) => i % 7 !== 0;
    expect(plain(index.top(q, 20, { excludeMask: mask, include }))).toEqual(plain(brute(t, q, 20, mask, include)));
    const rare = (i: number) => i % 5000 === 3; // 6 eligible items: fewer than k
    expect(plain(index.top(q, 20, { include: rare }))).toEqual(plain(brute(t, q, 20, undefined, rare)));
    expect(index.top(q, 20, { include: () => false }).indices.length).toBe(0);
  });

  it('stays exact over many queries on one index (its sample buffer is reused between queries)', () => {
    const t = table(30_000, 64, 17);
    const index = new FactorIndex(t.factors, t.bias);
    const mask = new Uint8Array(30_000);
    for (let i = 0; i < 30_000; i += 11) mask[i] = 1;
    // Filters that change how many sampled rows are eligible, so each query fills the buffer to a different length.
    const cases: { excludeMask?: Uint8Array; include?: (i: number) => boolean }[] = [
      {},
      { include: (i) => i % 3 === 0 },
      { excludeMask: mask },
      { include: (i) => i % 50 === 1 },
      {},
    ];
    for (let s = 0; s < 12; s++) {
      const q = query(64, 300 + s);
      const o = cases[s % cases.length];
      expect(plain(index.top(q, 20, o))).toEqual(plain(brute(t, q, 20, o.excludeMask, o.include)));
    }
  });

  it('breaks ties by the lower index, including across many identical rows', () => {
    const rows = 10_000,
      dims = 16;
    const t = table(rows, dims, 5);
    // Every fourth row is the same vector with the same bias: hundreds of tied, top-scoring items.
    const q = query(dims, 6);
    for (let r = 0; r < rows; r += 4) {
      for (let c = 0; c < dims; c++) t.factors.data[r * dims + c] = Math.sign(q[c]) * 0.5;
      t.bias[r] = 0.05;
    }
    const index = new FactorIndex(t.factors, t.bias);
    const got = index.top(q, 20);
    expect(plain(got)).toEqual(plain(brute(t, q, 20)));
    expect(Array.from(got.indices)).toEqual(Array.from({ length: 20 }, (_, j) => 4 * j));
  });

  it('stays exact when scores are closer together than the int8 error (falls back to exact scoring)', () => {
    const rows = 12_000,
      dims = 32;
    const t = table(rows, dims, 8, 1e-4); // factors tiny next to bias gaps of ~1e-5: quantisation cannot order them
    const rng = createRng(2);
    for (let r = 0; r < rows; r++) t.bias[r] = 1 + rng.next() * 1e-3;
    const index = new FactorIndex(t.factors, t.bias);
    const q = query(dims, 4);
    expect(plain(index.top(q, 20))).toEqual(plain(brute(t, q, 20)));
  });

  it('rejects a non-finite query and mismatched dimensions', () => {
    const t = table(100, 8, 1);
    const index = new FactorIndex(t.factors, t.bias);
    const q = query(8, 1);
    q[3] = NaN;
    expect(() => index.top(q, 5)).toThrow(NonFiniteError);
    expect(() => index.top(new Float32Array(7), 5)).toThrow(/query length/);
  });
});

describe('int8 kernel', () => {
  it.each([40, 64, 200])('gives the same selection from WebAssembly SIMD and the JS fallback (%i dims)', (dims) => {
    const rows = 777;
    const layout = int8Layout(rows, dims);
    const wasm = createInt8Kernel(layout);
    const js = createInt8Kernel(layout, true);
    expect(wasm.simd).toBe(true); // Node 22 has SIMD128: the fast path is the one under test
    for (const k of [wasm, js]) {
      const r = createRng(12);
      const items = new Int8Array(k.memory, layout.items, rows * layout.stride);
      for (let i = 0; i < rows; i++) for (let c = 0; c < dims; c++) items[i * layout.stride + c] = r.int(255) - 127;
      new Float32Array(k.memory, layout.scales, rows).forEach((_, i, a) => (a[i] = 0.001 + r.next() * 0.01));
      new Float32Array(k.memory, layout.bias, rows).forEach((_, i, a) => (a[i] = r.next() - 0.5));
      const q = new Int16Array(k.memory, layout.query, layout.stride);
      for (let c = 0; c < dims; c++) q[c] = r.int(65535) - 32767;
    }
    const run = (k: typeof wasm, threshold: number, capacity: number, from?: number, rowsInRun?: number) => {
      const count = k.select(3e-5, threshold, capacity, from, rowsInRun);
      const n = Math.min(count, capacity);
      return {
        count,
        rows: Array.from(new Int32Array(k.memory, layout.selected, n)),
        scores: Array.from(new Float32Array(k.memory, layout.selectedScores, n)),
      };
    };
    const all = run(wasm, -Infinity, rows);
    expect(all.count).toBe(rows);
    expect(run(js, -Infinity, rows)).toEqual(all);
    const sorted = [...all.scores].sort((a, b) => b - a);
    const some = run(wasm, sorted[99], 60); // 99 pass, 60 fit
    expect(some.count).toBe(99);
    expect(some.rows.length).toBe(60);
    expect(run(js, sorted[99], 60)).toEqual(some);
    expect(some.rows.every((r) => all.scores[r] > sorted[99])).toBe(true);
    // A threshold between float32 values is applied as the module's float32 parameter by both.
    const between = sorted[99] - 1e-12;
    expect(run(js, between, rows)).toEqual(run(wasm, between, rows));
    expect(run(wasm, between, rows).count).toBe(99);
    // A run of rows (how the threshold's sample is scored): indices relative to its first row.
    const part = run(wasm, -Infinity, 128, 250, 128);
    expect(part).toEqual({ count: 128, rows: Array.from({ length: 128 }, (_, i) => i), scores: all.scores.slice(250, 378) });
    expect(run(js, -Infinity, 128, 250, 128)).toEqual(part);
  });
});

describe('rank() through the index', () => {
  it('returns what full scoring returns for a factor model, for known users and histories', () => {
    const n = INDEX_MIN_ITEMS + 1000,
      dims = 24;
    const t = table(n, dims, 21);
    const users = [query(dims, 1), query(dims, 2)];
    const params = { model: 'bpr', factors: t.factors, bias: t.bias, regularization: 0 };
    const base: Recommender = {
      name: 'bpr',
      nUsers: 2,
      nItems: n,
      fit: () => ({ epochs: 0, samples: 0, ms: 0, losses: [], rolledBack: [] }),
      scoreUser: (u, out) => scoreWithParams(params, users[u], out),
      scoreHistory: (_h, out) => scoreWithParams(params, users[1], out),
    };
    const indexed: Recommender = {
      ...base,
      linearScores: (q) => ({ factors: t.factors, bias: t.bias, vector: users[q.user ?? 1] }),
    };
    const history = createHistory([3, 4]);
    const exclude = [5, 6, 7];
    const filter = (i: number) => i % 2 === 0;
    for (const query of [{ user: 0 }, { history }]) {
      const a = rank(base, query, { k: 20, exclude, filter });
      const b = rank(indexed, query, { k: 20, exclude, filter });
      expect(plain({ indices: b.items, scores: b.scores })).toEqual(plain({ indices: a.items, scores: a.scores }));
      expect(b.source).toBe(a.source);
    }
  });
});
