import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferenceMobileNetV2 } from './reference-net';

describe('ReferenceMobileNetV2 (the benchmark yardstick)', () => {
  let backend: string;
  beforeAll(async () => {
    backend = tf.getBackend();
    tf.env().set('IS_TEST', true);
    await tf.setBackend('wasm');
  });
  afterAll(async () => {
    if (backend) await tf.setBackend(backend);
  });

  it('has MobileNetV2 1.0 layers, maps a batch to 1280-d pooled features and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const net = new ReferenceMobileNetV2();
    // stem + head (2 tensors each) + 17 blocks: 16 with expand/depthwise/project (6), the first without expand (4).
    expect(net.weightCount).toBe(2 + 2 + 16 * 6 + 4);
    const x = tf.zeros([2, 224, 224, 3]) as tf.Tensor4D;
    const y = net.predict(x);
    expect(y.shape).toEqual([2, 1280]);
    const v = await y.data();
    expect(v.every(Number.isFinite)).toBe(true);
    tf.dispose([x, y]);
    expect((await net.time(1, 1)).length).toBe(1);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
