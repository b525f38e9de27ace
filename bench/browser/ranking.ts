import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { topK, topKBySort } from '../../src/core/linalg';
import { RANK_BACKENDS } from './rank-backends';


/**
 * Top-20 in the page over an item table V[64 x N] resident on a TF.js backend, against the same scores taken
 * by a full sort, and against plain typed arrays in the same page (score loop + bounded heap, the core's
 * way). wasm keeps V in the layout XNNPACK packs once (PERF-FACTS 2.2) and runs tf.topk; webgl/webgpu read
 * the scores back and take the top-k in JS, because their tf.topk is a GPU bitonic sort (PERF-FACTS 2.3).
 * `threads` (wasm): 0 = single-threaded build; n = threaded build forced to n threads by reporting 2n cores
 * (tfjs-backend-wasm uses half the reported cores, PERF-FACTS 2.1).
 */
export async function rankTf(backendIndex: number, n: number, reps: number, threads: number) {
  const backend = RANK_BACKENDS[backendIndex]!;
  if (backend === 'wasm') {
    if (threads > 1) Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => threads * 2 });
    if (threads === 0) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths({ 'tfjs-backend-wasm.wasm': plain, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': threaded });
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
  await tf.ready();
  const d = 64;
  const data = new Float32Array(d * n);
  for (let k = 0; k < data.length; k++) data[k] = ((k * 2654435761) % 1000) / 1000 - 0.5;
  const qv = Float32Array.from({ length: d }, (_, c) => Math.sin(c));
  const V = tf.tensor2d(data, [d, n]);
  const q = tf.tensor2d(qv, [1, d]);
  const scores = async () => {
    const s = tf.matMul(q, V);
    const out = (await s.data()) as Float32Array;
    s.dispose();
    return out;
  };
  const fast =
    backend === 'wasm'
      ? async () => {
          const { values, indices } = tf.tidy(() => tf.topk(tf.reshape(tf.matMul(q, V), [n]), 20));
          const idx = (await indices.data()) as Int32Array;
          values.dispose();
          indices.dispose();
          return idx;
        }
      : async () => topK(await scores(), 20).indices;
  const naive = async () => topKBySort(await scores(), 20).indices;
  const js = () => {
    const s = new Float32Array(n);
    for (let c = 0; c < d; c++) {
      const w = qv[c]!;
      const row = c * n;
      for (let i = 0; i < n; i++) s[i] += w * data[row + i]!;
    }
    return topK(s, 20).indices;
  };
  let t = performance.now();
  await fast(); // wasm packs V's weights once (XNNPACK caches them per tensor); GPUs compile their shaders
  const firstMs = performance.now() - t;
  await naive();
  js();
  const f: number[] = [],
    nv: number[] = [],
    j: number[] = [];
  for (let r = 0; r < reps; r++) {
    t = performance.now();
    await fast();
    f.push(performance.now() - t);
    t = performance.now();
    await naive();
    nv.push(performance.now() - t);
    t = performance.now();
    js();
    j.push(performance.now() - t);
  }
  const top = Array.from(await fast());
  const same = top.join() === Array.from(await naive()).join() && top.join() === Array.from(js()).join();
  V.dispose();
  q.dispose();
  return { fast: f, naive: nv, typedArrays: j, firstMs, same, threads: backend === 'wasm' ? getThreadsCount() : 0, isolated: crossOriginIsolated };
}
