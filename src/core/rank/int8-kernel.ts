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
   */
  select(qScale: number, threshold: number, capacity: number): number;
}

// --- the WebAssembly module, assembled by hand (spec section numbers in comments) ---
const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

const I32 = 0x7f,
  F32 = 0x7d,
  V128 = 0x7b;
// Params: 0 items, 1 query, 2 scales, 3 bias, 4 selected, 5 rows, 6 blocks (16-byte steps per row), 7 qScale,
// 8 threshold, 9 selected scores, 10 capacity. Locals: 11 r, 12 b, 13 query cursor, 14 count, 15 acc (i32x4),
// 16 sixteen item bytes, 17 score.
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const tee = (i: number) => [0x22, i];
const i32c = (v: number) => [0x41, ...uleb(v)]; // small non-negative constants only
const simd = (op: number) => [0xfd, ...uleb(op)];
const load128 = (offset: number) => [...simd(0x00), 0x00, ...uleb(offset)];
const bump = (local: number, by: number) => [...get(local), ...i32c(by), 0x6a, ...set(local)];
const lane = (k: number) => [...get(15), ...simd(0x1b), k];
const slot = (base: number) => [...get(base), ...get(14), ...i32c(2), 0x74, 0x6a]; // base + 4 * count

const body: number[] = [
  ...[0x03, 0x04, I32, 0x02, V128, 0x01, F32], // locals: 4 x i32, 2 x v128, 1 x f32
  ...[0x03, 0x40], // loop (rows)
  ...simd(0x0c), ...new Array<number>(16).fill(0), ...set(15), // acc = 0
  ...i32c(0), ...set(12),
  ...get(1), ...set(13),
  ...[0x03, 0x40], // loop (16-byte blocks of the row)
  ...get(0), ...load128(0), ...set(16),
  ...get(15),
  ...get(16), ...simd(0x87), ...get(13), ...load128(0), ...simd(0xba), ...simd(0xae), // + dot(lo8 -> i16, q[0..8))
  ...get(16), ...simd(0x88), ...get(13), ...load128(16), ...simd(0xba), ...simd(0xae), // + dot(hi8 -> i16, q[8..16))
  ...set(15),
  ...bump(0, 16), ...bump(13, 32),
  ...get(12), ...i32c(1), 0x6a, ...tee(12), ...get(6), 0x48, 0x0d, 0x00, // br_if b < blocks
  0x0b,
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
  0x0b,
];

const MODULE = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32], [I32], [F32], [F32], [I32], [I32]]), ...vec([[I32]])]])),
  ...section(3, vec([[0x00]])),
  ...section(5, vec([[0x00, 0x01]])), // one memory, min 1 page, grown to fit
  ...section(7, vec([[...name('mem'), 0x02, 0x00], [...name('score'), 0x00, 0x00]])),
  ...section(10, vec([[...uleb(body.length), ...body]])),
]);

/** The slice of the WebAssembly JS API used here (core is typed without DOM or Node libs). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;
function wasmModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = wasm && wasm.validate(MODULE) ? new wasm.Module(MODULE) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** A kernel over its own memory of `layout.bytes`; `forceJs` is for tests of the fallback. */
export function createInt8Kernel(layout: Int8Layout, forceJs = false): Int8Kernel {
  const mod = forceJs ? null : wasmModule();
  const blocks = layout.stride / 16;
  if (wasm && mod && layout.rows > 0) {
    const instance = new wasm.Instance(mod);
    const mem = instance.exports.mem as WasmMemory;
    const pages = Math.ceil(layout.bytes / 65536);
    if (pages > 1) mem.grow(pages - 1);
    const score = instance.exports.score as (...args: number[]) => number;
    return {
      simd: true,
      memory: mem.buffer,
      select: (qScale, threshold, capacity) =>
        score(
          layout.items,
          layout.query,
          layout.scales,
          layout.bias,
          layout.selected,
          layout.rows,
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
    select(qScale, threshold, capacity) {
      const qs = Math.fround(qScale);
      let count = 0;
      for (let r = 0, o = 0; r < layout.rows; r++, o += layout.stride) {
        let s = 0;
        for (let c = 0; c < layout.stride; c++) s += items[o + c] * q[c];
        // Same float32 rounding steps as the wasm function.
        const score = Math.fround(Math.fround(Math.fround(Math.fround(s) * scales[r]) * qs) + bias[r]);
        if (score > threshold) {
          if (count < capacity) {
            selected[count] = r;
            selectedScores[count] = score;
          }
          count++;
        }
      }
      return count;
    },
  };
}
