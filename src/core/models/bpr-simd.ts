import { assembleModule, bump, F32, get, I32, i32c, instantiate, load128, set, simd, store128, tee, V128 } from '../wasm/assemble';

/**
 * The two O(d) halves of a BPR SGD step in WebAssembly SIMD128 (four floats per instruction), over
 * parameters that live in the module's memory. Per-sample SGD in JS is instruction-bound (every typed-array
 * access is a bounds check and a float32 <-> float64 conversion), which kept BPR under the 1M samples/s
 * target (issue 9); the sampling stays in JS. Sums and updates are in float32 (JS: float64 then rounded),
 * a difference of float32 rounding only.
 */
export interface BprSimd {
  P: Float32Array<ArrayBuffer>;
  Q: Float32Array<ArrayBuffer>;
  b: Float32Array<ArrayBuffer>;
  /** p_u . (q_i - q_j), offsets in floats into P and Q. */
  dot(uo: number, io: number, jo: number): number;
  /** p_u, q_i, q_j <- keep * (p_u, q_i, q_j) + lz * (q_i - q_j, p_u, -p_u), from the old values. */
  update(uo: number, io: number, jo: number, lz: number, keep: number): void;
}

const f32x4 = { add: 0xe4, sub: 0xe5, mul: 0xe6, splat: 0x13, lane: 0x1f };
const end = 0x0b;
const loop = [0x03, 0x40];
const brIfLess = (counter: number, limit: number) => [...get(counter), ...i32c(1), 0x6a, ...tee(counter), ...get(limit), 0x48, 0x0d, 0x00];

// dot(p, qi, qj, steps) -> f32; locals: 4 k, 5 acc.
const dotBody: number[] = [
  ...[0x02, 0x01, I32, 0x01, V128],
  ...loop,
  ...get(5),
  ...get(0), ...load128(0),
  ...get(1), ...load128(0), ...get(2), ...load128(0), ...simd(f32x4.sub),
  ...simd(f32x4.mul), ...simd(f32x4.add), ...set(5),
  ...bump(0, 16), ...bump(1, 16), ...bump(2, 16),
  ...brIfLess(4, 3),
  end,
  ...get(5), ...simd(f32x4.lane), 0, ...get(5), ...simd(f32x4.lane), 1, 0x92,
  ...get(5), ...simd(f32x4.lane), 2, ...get(5), ...simd(f32x4.lane), 3, 0x92, 0x92,
];

// update(p, qi, qj, steps, lz, keep); locals: 6 k, 7 lz4, 8 keep4, 9 pu, 10 qi, 11 qj.
const updateBody: number[] = [
  ...[0x02, 0x01, I32, 0x05, V128],
  ...get(4), ...simd(f32x4.splat), ...set(7),
  ...get(5), ...simd(f32x4.splat), ...set(8),
  ...loop,
  ...get(0), ...load128(0), ...set(9),
  ...get(1), ...load128(0), ...set(10),
  ...get(2), ...load128(0), ...set(11),
  ...get(0), ...get(8), ...get(9), ...simd(f32x4.mul), ...get(7), ...get(10), ...get(11), ...simd(f32x4.sub), ...simd(f32x4.mul), ...simd(f32x4.add), ...store128(0),
  ...get(1), ...get(8), ...get(10), ...simd(f32x4.mul), ...get(7), ...get(9), ...simd(f32x4.mul), ...simd(f32x4.add), ...store128(0),
  ...get(2), ...get(8), ...get(11), ...simd(f32x4.mul), ...get(7), ...get(9), ...simd(f32x4.mul), ...simd(f32x4.sub), ...store128(0),
  ...bump(0, 16), ...bump(1, 16), ...bump(2, 16),
  ...brIfLess(6, 3),
  end,
];

const MODULE = assembleModule([
  { name: 'dot', params: [I32, I32, I32, I32], results: [F32], body: dotBody },
  { name: 'update', params: [I32, I32, I32, I32, F32, F32], results: [], body: updateBody },
]);

/** Parameters for nUsers x d, nItems x d and nItems biases in wasm memory; null without SIMD or d % 4. */
export function createBprSimd(nUsers: number, nItems: number, d: number): BprSimd | null {
  if (d % 4 !== 0 || d === 0 || nUsers === 0 || nItems === 0) return null;
  const pBytes = nUsers * d * 4,
    qBytes = nItems * d * 4;
  const instance = instantiate(MODULE, pBytes + qBytes + nItems * 4);
  if (!instance) return null;
  const mem = instance.memory;
  const dot = instance.exports.dot as (p: number, qi: number, qj: number, steps: number) => number;
  const update = instance.exports.update as (p: number, qi: number, qj: number, steps: number, lz: number, keep: number) => void;
  const steps = d / 4;
  return {
    P: new Float32Array(mem, 0, nUsers * d),
    Q: new Float32Array(mem, pBytes, nItems * d),
    b: new Float32Array(mem, pBytes + qBytes, nItems),
    dot: (uo, io, jo) => dot(uo * 4, pBytes + io * 4, pBytes + jo * 4, steps),
    update: (uo, io, jo, lz, keep) => update(uo * 4, pBytes + io * 4, pBytes + jo * 4, steps, lz, keep),
  };
}
