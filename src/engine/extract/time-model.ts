import * as tf from '@tensorflow/tfjs-core';

/**
 * Ms per run of `predict` on a ready random [batch, 224, 224, 3] input, `reps` runs after one untimed run
 * (XNNPACK packs the weights on it). Shared by the extractor's model and the hand-built reference net, so
 * the benchmark compares them under the same timing.
 */
export async function timeModel(predict: (x: tf.Tensor4D) => tf.Tensor, batch: number, reps: number): Promise<number[]> {
  const input = tf.randomUniform([batch, 224, 224, 3], -1, 1) as tf.Tensor4D;
  const times: number[] = [];
  try {
    for (let r = 0; r <= reps; r++) {
      const t0 = performance.now();
      const out = predict(input);
      await out.data();
      out.dispose();
      if (r > 0) times.push(performance.now() - t0);
    }
  } finally {
    input.dispose();
  }
  return times;
}
