import * as tf from '@tensorflow/tfjs-core';
import { timeModel } from './time-model';

/** MobileNetV2 1.0 inverted-residual stages: expansion t, output channels c, repeats n, first stride s. */
const STAGES: readonly (readonly [number, number, number, number])[] = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

interface Block {
  expand?: { filter: tf.Tensor4D; bias: tf.Tensor1D };
  depthwise: { filter: tf.Tensor4D; bias: tf.Tensor1D };
  project: { filter: tf.Tensor4D; bias: tf.Tensor1D };
  stride: number;
  residual: boolean;
}

/**
 * The benchmark's yardstick for "raw TF.js inference": MobileNetV2 224x224 to the 1280-d global pool written
 * directly with TF.js fused ops (the shapes of the .tflite model, random weights created once), so the
 * rebuilt TFLite graph can be compared with the plainest TF.js version of the same network in the same run.
 */
export class ReferenceMobileNetV2 {
  private readonly weights: tf.Tensor[] = [];
  private readonly stem: { filter: tf.Tensor4D; bias: tf.Tensor1D };
  private readonly blocks: Block[] = [];
  private readonly head: { filter: tf.Tensor4D; bias: tf.Tensor1D };

  constructor() {
    // Depthwise filters are [h, w, channels, 1] with one bias per channel.
    const conv = (h: number, w: number, cin: number, cout: number) => ({
      filter: this.keep(tf.randomUniform([h, w, cin, cout], -0.05, 0.05)) as tf.Tensor4D,
      bias: this.keep(tf.randomUniform([cout === 1 ? cin : cout], -0.05, 0.05)) as tf.Tensor1D,
    });
    this.stem = conv(3, 3, 3, 32);
    let cin = 32;
    for (const [t, c, n, s] of STAGES) {
      for (let i = 0; i < n; i++) {
        const hidden = cin * t;
        this.blocks.push({
          ...(t !== 1 ? { expand: conv(1, 1, cin, hidden) } : {}),
          depthwise: conv(3, 3, hidden, 1),
          project: conv(1, 1, hidden, c),
          stride: i === 0 ? s : 1,
          residual: i > 0,
        });
        cin = c;
      }
    }
    this.head = conv(1, 1, cin, 1280);
  }

  /** [batch, 224, 224, 3] -> [batch, 1280]; the caller owns the result. */
  predict(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => {
      let h = tf.fused.conv2d({ x, ...this.stem, strides: 2, pad: 'same', activation: 'relu6' });
      for (const b of this.blocks) {
        let z = b.expand ? tf.fused.conv2d({ x: h, ...b.expand, strides: 1, pad: 'same', activation: 'relu6' }) : h;
        z = tf.fused.depthwiseConv2d({ x: z, ...b.depthwise, strides: b.stride, pad: 'same', activation: 'relu6' });
        z = tf.fused.conv2d({ x: z, ...b.project, strides: 1, pad: 'same' });
        h = b.residual ? tf.add(h, z) : z;
      }
      h = tf.fused.conv2d({ x: h, ...this.head, strides: 1, pad: 'same', activation: 'relu6' });
      return tf.mean(h, [1, 2]);
    });
  }

  /** Ms per run on a ready input, `reps` runs after one untimed run (XNNPACK packs the weights on it). */
  async time(batch: number, reps: number): Promise<number[]> {
    return timeModel((x) => this.predict(x), batch, reps);
  }

  get weightCount(): number {
    return this.weights.length;
  }

  dispose(): void {
    for (const w of this.weights) w.dispose();
    this.weights.length = 0;
  }

  private keep(t: tf.Tensor): tf.Tensor {
    this.weights.push(t);
    return t;
  }
}
