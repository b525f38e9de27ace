/**
 * Approximate scores over int8 item rows: score[r] = (Σ a[r,c] * b[c]) * scale[r] * qScale + bias[r], with
 * a[r] the row quantised to int8 (per-row scale) and b the query quantised to int16. Ranking is memory-bound
 * (PERF-FACTS 3: 1M x 64 float32 is 256 MB per query, ~10 ms at DRAM speed), so a quarter of the bytes is
 * the only way under the 1M target; the caller re-scores the best candidates exactly.
 *
 * The kernel is a hand-assembled WebAssembly SIMD128 function (i16x8 widening + i32x4.dot_i16x8_s, 16 item
 * bytes per step). It is a few hundred bytes, so synchronous compilation is allowed on every thread; where
 * SIMD is missing the same arithmetic runs in JS (integer sums are exact, so both give identical scores).
 */
import { assembleModule, bump, F32, get, I32, i32c, instantiate, load128, set, simd, tee, uleb, V128 } from '../wasm/assemble';

/** Memory layout of one kernel instance; all offsets in bytes, 16-aligned. */
export interface Int8Layout {
  rows: number;
  /** Row stride in bytes: dims padded to a multiple of 16. */
  stride: number;
  query: number;
  /** Selected rows: indices (int32) and their approximate scores (float32), `rows` slots each. */
  selected: number;
  selectedScores: number;
  scales: number;
  bias: number;
  items: number;
  bytes: number;
}

export function int8Layout(rows: number, dims: number): Int8Layout {
  const stride = Math.max(16, Math.ceil(dims / 16) * 16);
  const up = (x: number) => Math.ceil(x / 16) * 16;
  const query = 0;
  const selected = up(query + stride * 2);
  const selectedScores = up(selected + rows * 4);
  const scales = up(selectedScores + rows * 4);
  const bias = up(scales + rows * 4);
  const items = up(bias + rows * 4);
  return { rows, stride, query, selected, selectedScores, scales, bias, items, bytes: items + rows * stride };
}

export interface Int8Kernel {
  readonly simd: boolean;
  readonly memory: ArrayBuffer;
  /**
   * Scores every row (query already written at `query`) and writes the index and score of each row whose
   * score is above `threshold` to the selected regions, in row order, up to `capacity` of them. Returns how
   * many rows passed, which may exceed the capacity. threshold -Infinity with capacity rows = all scores.
   * `from` and `count` restrict it to a run of rows; the selected indices are then relative to `from`.
   */
  select(qScale: number, threshold: number, capacity: number, from?: number, count?: number): number;
}

// --- the WebAssembly module, assembled by hand, one per row width ---
// Params: 0 items, 1 query, 2 scales, 3 bias, 4 selected, 5 rows, 6 blocks (unused: the row is unrolled), 7 qScale,
// 8 threshold, 9 selected scores, 10 capacity. Locals: 11 r, 12-13 unused, 14 count, 15 acc (i32x4), 16 sixteen
// item bytes, 17 score, then (rows up to QUERY_IN_LOCALS blocks) the query's 8-lane halves, loaded once.
const lane = (k: number) => [...get(15), ...simd(0x1b), k];
const slot = (base: number) => [...get(base), ...get(14), ...i32c(2), 0x74, 0x6a]; // base + 4 * count
/** Rows of up to this many 16-byte blocks (128 dims) keep the query in v128 locals. */
const QUERY_IN_LOCALS = 8;

/**
 * The row's blocks are unrolled (no inner loop counter or cursors; 64 dims = 4 blocks): the kernel is
 * instruction-bound, not memory-bound, at this width (1M x 64 int8 streams at well under DRAM speed).
 */
function bodyFor(blocks: number): number[] {
  const inLocals = blocks <= QUERY_IN_LOCALS;
  const half = (h: number) => (inLocals ? get(18 + h) : [...get(1), ...load128(16 * h)]);
  const prologue = inLocals ? Array.from({ length: 2 * blocks }, (_, h) => [...get(1), ...load128(16 * h), ...set(18 + h)]).flat() : [];
  const row = Array.from({ length: blocks }, (_, b) => [
    ...get(0), ...load128(16 * b), ...set(16),
    ...(b ? get(15) : []),
    ...get(16), ...simd(0x87), ...half(2 * b), ...simd(0xba), ...(b ? simd(0xae) : []), // + dot(lo8 -> i16, q)
    ...get(16), ...simd(0x88), ...half(2 * b + 1), ...simd(0xba), ...simd(0xae), // + dot(hi8 -> i16, q)
    ...set(15),
  ]).flat();
  return [
    ...(inLocals ? [0x04] : [0x03]), ...[0x04, I32, 0x02, V128, 0x01, F32], ...(inLocals ? [...uleb(2 * blocks), V128] : []),
    ...prologue,
    ...[0x03, 0x40], // loop (rows)
    ...row,
    ...bump(0, 16 * blocks),
    ...lane(0), ...lane(1), 0x6a, ...lane(2), 0x6a, ...lane(3), 0x6a,
    0xb2, // f32.convert_i32_s
    ...get(2), 0x2a, 0x02, 0x00, 0x94, // * scale[r]
    ...get(7), 0x94, // * qScale
    ...get(3), 0x2a, 0x02, 0x00, 0x92, // + bias[r]
    ...tee(17), ...get(8), 0x5e, // f32.gt threshold
    ...[0x04, 0x40], // if
    ...get(14), ...get(10), 0x49, // count < capacity (unsigned)
    ...[0x04, 0x40],
    ...slot(4), ...get(11), 0x36, 0x02, 0x00, // selected[count] = r
    ...slot(9), ...get(17), 0x38, 0x02, 0x00, // selectedScores[count] = score
    0x0b,
    ...bump(14, 1),
    0x0b,
    ...bump(2, 4), ...bump(3, 4),
    ...get(11), ...i32c(1), 0x6a, ...tee(11), ...get(5), 0x48, 0x0d, 0x00, // br_if r < rows
    0x0b,
    ...get(14),
  ];
}

const modules = new Map<number, Uint8Array>();
/** One module per row width, kept so instantiate's compile cache (keyed by the bytes' identity) hits. */
function moduleFor(blocks: number): Uint8Array {
  let m = modules.get(blocks);
  if (!m)
    modules.set(blocks, (m = assembleModule([
      { name: 'score', params: [I32, I32, I32, I32, I32, I32, I32, F32, F32, I32, I32], results: [I32], body: bodyFor(blocks) },
    ])));
  return m;
}

/** A kernel over its own memory of `layout.bytes`; `forceJs` is for tests of the fallback. */
export function createInt8Kernel(layout: Int8Layout, forceJs = false): Int8Kernel {
  const blocks = layout.stride / 16;
  const instance = forceJs || layout.rows === 0 ? null : instantiate(moduleFor(blocks), layout.bytes);
  if (instance) {
    const score = instance.exports.score as (...args: number[]) => number;
    return {
      simd: true,
      memory: instance.memory,
      select: (qScale, threshold, capacity, from = 0, count = layout.rows) =>
        count <= 0
          ? 0
          : score(
              layout.items + from * layout.stride,
              layout.query,
              layout.scales + 4 * from,
              layout.bias + 4 * from,
              layout.selected,
              count,
              blocks,
              qScale,
              threshold,
              layout.selectedScores,
              capacity,
            ),
    };
  }
  const memory = new ArrayBuffer(layout.bytes);
  const items = new Int8Array(memory, layout.items, layout.rows * layout.stride);
  const q = new Int16Array(memory, layout.query, layout.stride);
  const scales = new Float32Array(memory, layout.scales, layout.rows);
  const bias = new Float32Array(memory, layout.bias, layout.rows);
  const selected = new Int32Array(memory, layout.selected, layout.rows);
  const selectedScores = new Float32Array(memory, layout.selectedScores, layout.rows);
  return {
    simd: false,
    memory,
    select(qScale, threshold, capacity, from = 0, rows = layout.rows) {
      const qs = Math.fround(qScale);
      const t = Math.fround(threshold); // the module's threshold is a float32 parameter
      let count = 0;
      for (let r = from, o = from * layout.stride; r < from + rows; r++, o += layout.stride) {
        let s = 0;
        for (let c = 0; c < layout.stride; c++) s += items[o + c] * q[c];
        // Same float32 rounding steps as the wasm function.
        const score = Math.fround(Math.fround(Math.fround(Math.fround(s) * scales[r]) * qs) + bias[r]);
        if (score > t) {
          if (count < capacity) {
            selected[count] = r - from;
            selectedScores[count] = score;
          }
          count++;
        }
      }
      return count;
    },
  };
}
