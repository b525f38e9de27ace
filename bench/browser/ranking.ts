import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { topK, topKBySort } from '../../src/core/linalg';

/**
 * Top-20 in the page: TF.js wasm with the item table resident as V[64 x N] (PERF-FACTS §2.2) and tf.topk,
 * vs the same scores taken by a full sort. `threads: 2` overrides hardwareConcurrency before the backend
 * initialises, because tfjs-backend-wasm caps its pool at half the reported cores (PERF-FACTS §2.1).
 */
export async function rankWasm(n: number, reps: number, threads: number) {
  if (threads > 1) Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => threads * 2 });
  setWasmPaths({ 'tfjs-backend-wasm.wasm': plain, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': threaded });
  await tf.setBackend('wasm');
  await tf.ready();
  const d = 64;
  const data = new Float32Array(d * n);
  for (let k = 0; k < data.length; k++) data[k] = ((k * 2654435761) % 1000) / 1000 - 0.5;
  const V = tf.tensor2d(data, [d, n]);
  const q = tf.tensor2d(Float32Array.from({ length: d }, (_, c) => Math.sin(c)), [1, d]);
  const fast = async () => {
    const { values, indices } = tf.tidy(() => tf.topk(tf.reshape(tf.matMul(q, V), [n]), 20));
    const idx = (await indices.data()) as Int32Array;
    values.dispose();
    indices.dispose();
    return idx;
  };
  const naive = async () => {
    const s = tf.matMul(q, V);
    const scores = (await s.data()) as Float32Array;
    s.dispose();
    return topKBySort(scores, 20).indices;
  };
  const js = async () => {
    const s = tf.matMul(q, V);
    const scores = (await s.data()) as Float32Array;
    s.dispose();
    return topK(scores, 20).indices;
  };
  let t = performance.now();
  await fast(); // packs V's weights once (XNNPACK caches them per tensor)
  const firstMs = performance.now() - t;
  await naive();
  await js();
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
    await js();
    j.push(performance.now() - t);
  }
  const same = (await fast()).join() === (await naive()).join();
  V.dispose();
  q.dispose();
  return { fast: f, naive: nv, readbackHeap: j, firstMs, same, threads: getThreadsCount(), isolated: crossOriginIsolated };
}
