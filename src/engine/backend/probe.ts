import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from './types';

/** What a probe learnt about a backend before TF.js initialises it. */
export interface ProbeResult {
  available: boolean;
  /** True when the "GPU" is a CPU renderer (SwiftShader, WebGPU fallback adapter). */
  software?: boolean;
  device?: string;
  reason: string;
}

/** The seam between the selection logic and the runtime (real in browsers/Node, faked in tests). */
export interface BackendEnv {
  probe(name: BackendName): Promise<ProbeResult>;
  /** Registers and activates the backend; `ok: false` carries TF.js's reason. */
  activate(name: BackendName): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Median ms of a representative op on the active backend. */
  benchmark(name: BackendName): Promise<number>;
}

export interface RuntimeEnvOptions {
  /** Same-origin folder (ending in "/") with the tfjs-backend-wasm *.wasm files; omit in Node. */
  wasmPath?: string;
  /**
   * Allow tfjs-backend-wasm's threaded build (default false). Only for bundles built with
   * scripts/vite/tfjs-wasm-threads.ts, on cross-origin-isolated pages; the library then sizes its pool itself
   * (half the reported cores: one thread on two, PERF-FACTS 2.1).
   */
  wasmThreads?: boolean;
}

interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<GpuAdapterInfoLike>;
}
interface NavigatorGpuLike {
  gpu?: { requestAdapter(options?: object): Promise<GpuAdapterLike | null> };
}

async function probeWebGpu(): Promise<ProbeResult> {
  const nav = (globalThis as { navigator?: NavigatorGpuLike }).navigator;
  if (!nav?.gpu) return { available: false, reason: 'WebGPU API (navigator.gpu) is not available in this runtime' };
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await nav.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    return { available: false, reason: `navigator.gpu.requestAdapter() threw: ${message(err)}` };
  }
  if (!adapter) return { available: false, reason: 'navigator.gpu.requestAdapter() returned no adapter' };
  const info = adapter.info ?? (adapter.requestAdapterInfo ? await adapter.requestAdapterInfo().catch(() => undefined) : undefined);
  const device = [info?.vendor, info?.architecture, info?.device, info?.description].filter(Boolean).join(' / ') || 'unknown adapter';
  const fallback = info?.isFallbackAdapter === true || adapter.isFallbackAdapter === true;
  const swiftshader = /swiftshader/i.test(`${info?.architecture ?? ''} ${info?.vendor ?? ''} ${info?.description ?? ''}`);
  if (fallback || swiftshader) {
    const why = [fallback ? 'isFallbackAdapter' : '', swiftshader ? `architecture '${info?.architecture ?? 'swiftshader'}'` : '']
      .filter(Boolean)
      .join(', ');
    return { available: true, software: true, device, reason: `WebGPU adapter is a software renderer (SwiftShader: ${why})` };
  }
  return { available: true, device, reason: 'WebGPU adapter found' };
}

function probeWebGl(): ProbeResult {
  const g = globalThis as { OffscreenCanvas?: new (w: number, h: number) => OffscreenCanvas; document?: Document };
  let gl: WebGL2RenderingContext | null;
  try {
    if (g.OffscreenCanvas) gl = new g.OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    else if (g.document) gl = g.document.createElement('canvas').getContext('webgl2');
    else return { available: false, reason: 'no OffscreenCanvas or document: WebGL is not available in this runtime' };
  } catch (err) {
    return { available: false, reason: `creating a WebGL2 context threw: ${message(err)}` };
  }
  if (!gl) return { available: false, reason: 'WebGL2 context could not be created (disabled or blocklisted GPU)' };
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  if (/swiftshader|llvmpipe|software/i.test(renderer)) {
    return {
      available: true,
      software: true,
      device: renderer,
      reason: `WebGL renderer is a software renderer (UNMASKED_RENDERER: ${renderer}; SwiftShader)`,
    };
  }
  return { available: true, device: renderer, reason: 'WebGL2 context created' };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Imports (registers) a backend's package on demand so unused backends cost no download. */
async function register(name: BackendName, options: RuntimeEnvOptions): Promise<void> {
  if (tf.findBackendFactory(name)) return;
  if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  else if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (options.wasmPath) wasm.setWasmPaths(options.wasmPath);
    // Unpatched bundles break the threaded build's pthread workers ("e is not defined", a hang), so threads
    // are opt-in: see scripts/vite/tfjs-wasm-threads.ts.
    if (!options.wasmThreads) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  } else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else await import('@tensorflow/tfjs-backend-webgpu');
}

/** Activates a backend, capturing TF.js's console warning as the reason when it fails. */
async function activate(name: BackendName, options: RuntimeEnvOptions): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await register(name, options);
  } catch (err) {
    return { ok: false, reason: `loading the ${name} backend failed: ${message(err)}` };
  }
  if (!tf.findBackendFactory(name)) return { ok: false, reason: `the ${name} backend did not register (unsupported runtime)` };
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (!ok) return { ok: false, reason: `tf.setBackend('${name}') failed: ${warnings.join('; ') || 'no detail'}` };
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: `tf.setBackend('${name}') threw: ${message(err)}` };
  } finally {
    console.warn = warn;
  }
}

/**
 * A representative MobileNetV2 block (1x1 expand conv + 3x3 depthwise + 1x1 project, fused ReLU6) on a
 * 28x28 map: one warm-up (shader compile, weight packing), then the median of three timed runs.
 */
async function benchmark(): Promise<number> {
  const x = tf.randomUniform([1, 28, 28, 32], -1, 1);
  const w1 = tf.randomUniform([1, 1, 32, 192], -0.1, 0.1) as tf.Tensor4D;
  const dw = tf.randomUniform([3, 3, 192, 1], -0.1, 0.1) as tf.Tensor4D;
  const w2 = tf.randomUniform([1, 1, 192, 32], -0.1, 0.1) as tf.Tensor4D;
  const run = async (): Promise<number> => {
    const t0 = performance.now();
    const y = tf.tidy(() => {
      const a = tf.fused.conv2d({ x: x as tf.Tensor4D, filter: w1, strides: 1, pad: 'same', activation: 'relu6' });
      const b = tf.fused.depthwiseConv2d({ x: a, filter: dw, strides: 1, pad: 'same', activation: 'relu6' });
      return tf.sum(tf.conv2d(b, w2, 1, 'same'));
    });
    await y.data();
    y.dispose();
    return performance.now() - t0;
  };
  try {
    await run();
    const times = [await run(), await run(), await run()].sort((a, b) => a - b);
    return times[1]!;
  } finally {
    tf.dispose([x, w1, dw, w2]);
  }
}

/** The real runtime: browser main thread, Web Worker or Node. */
export function createRuntimeEnv(options: RuntimeEnvOptions = {}): BackendEnv {
  return {
    probe: async (name) => {
      if (name === 'webgpu') return probeWebGpu();
      if (name === 'webgl') return probeWebGl();
      if (name === 'wasm') {
        return typeof WebAssembly === 'object'
          ? { available: true, reason: 'WebAssembly available' }
          : { available: false, reason: 'WebAssembly is not available in this runtime' };
      }
      return { available: true, reason: 'plain JavaScript, always available' };
    },
    activate: (name) => activate(name, options),
    benchmark: () => benchmark(),
  };
}
