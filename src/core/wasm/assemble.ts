/**
 * A few helpers to hand-assemble tiny WebAssembly modules (binary format, spec chapter 5) for the hot
 * numeric kernels: small enough to compile synchronously on any thread, no build step, no dependency.
 */
export const I32 = 0x7f,
  F32 = 0x7d,
  V128 = 0x7b;

export const uleb = (n: number): number[] => {
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

export const get = (i: number) => [0x20, i];
export const set = (i: number) => [0x21, i];
export const tee = (i: number) => [0x22, i];
/** i32.const for non-negative constants (signed LEB128: a last byte with bit 6 set would read as negative). */
export const i32c = (v: number) => {
  const b = uleb(v);
  return [0x41, ...(b[b.length - 1] & 0x40 ? [...b.slice(0, -1), b[b.length - 1] | 0x80, 0x00] : b)];
};
export const simd = (op: number) => [0xfd, ...uleb(op)];
export const load128 = (offset: number) => [...simd(0x00), 0x00, ...uleb(offset)];
export const store128 = (offset: number) => [...simd(0x0b), 0x00, ...uleb(offset)];
/** local += by (i32). */
export const bump = (local: number, by: number) => [...get(local), ...i32c(by), 0x6a, ...set(local)];

export interface WasmFunction {
  name: string;
  params: number[];
  results: number[];
  /** Local declarations then code, without the body size and without the final `end`. */
  body: number[];
}

/** A module with one exported memory ("mem", min 1 page) and the given exported functions. */
export function assembleModule(functions: WasmFunction[]): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...vec(f.results.map((r) => [r]))]);
  const bodies = functions.map((f) => [...uleb(f.body.length + 1), ...f.body, 0x0b]);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(3, vec(functions.map((_, k) => uleb(k)))),
    ...section(5, vec([[0x00, 0x01]])),
    ...section(7, vec([[...name('mem'), 0x02, 0x00], ...functions.map((f, k) => [...name(f.name), 0x00, ...uleb(k)])])),
    ...section(10, vec(bodies)),
  ]);
}

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

export interface WasmInstance {
  memory: ArrayBuffer;
  exports: Record<string, unknown>;
}

/**
 * Compiles (once per module) and instantiates with at least `bytes` of memory; null where WebAssembly or
 * SIMD128 is unavailable, so callers keep a JS path.
 */
export function instantiate(module: Uint8Array, bytes: number): WasmInstance | null {
  const compiled = compileCache.has(module) ? compileCache.get(module)! : compile(module);
  if (!wasm || !compiled) return null;
  const instance = new wasm.Instance(compiled);
  const mem = instance.exports.mem as WasmMemory;
  const pages = Math.ceil(bytes / 65536);
  if (pages > 1) mem.grow(pages - 1);
  return { memory: mem.buffer, exports: instance.exports };
}

const compileCache = new Map<Uint8Array, object | null>();
function compile(module: Uint8Array): object | null {
  let compiled: object | null;
  try {
    compiled = wasm && wasm.validate(module) ? new wasm.Module(module) : null;
  } catch {
    compiled = null;
  }
  compileCache.set(module, compiled);
  return compiled;
}
