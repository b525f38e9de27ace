import * as tf from '@tensorflow/tfjs-core';

/** Live TF.js tensors (leak checks in tests, the bench and the UI's diagnostics). */
export function liveTensorCount(): number {
  return tf.memory().numTensors;
}
