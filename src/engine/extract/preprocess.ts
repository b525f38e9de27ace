import * as tf from '@tensorflow/tfjs-core';
import type { RgbaImage } from '../../features/contract';
import { boxDownsample } from '../../features/downsample';

/** MobileNetV2's input contract (from the TFLite file): 224x224 RGB, real = (pixel - 127) * 0.0078431. */
export const MODEL_SIZE = 224;
export const PIXEL_ZERO = 127;
export const PIXEL_SCALE = 0.007843137718737125;

/**
 * RGBA pixels to the model's input batch [n, 224, 224, 3], all in TF.js ops so the browser and Node do the
 * same maths: integer box pre-shrink (pure JS) for big photos, alpha composited over white, bilinear resize
 * of the whole frame (no crop: product photos keep the full garment), then normalisation.
 */
export function toModelInput(images: readonly RgbaImage[]): tf.Tensor4D {
  return tf.tidy(() => {
    const each = images.map((img) => {
      const small = boxDownsample(img, MODEL_SIZE);
      const rgba = tf.tensor3d(Float32Array.from(small.data), [small.height, small.width, 4]);
      const [rgb, alpha] = tf.split(rgba, [3, 1], 2);
      const a = tf.div(alpha!, 255);
      const over = tf.add(tf.mul(rgb!, a), tf.mul(tf.sub(1, a), 255));
      return tf.image.resizeBilinear(over as tf.Tensor3D, [MODEL_SIZE, MODEL_SIZE], false, true);
    });
    return tf.mul(tf.sub(tf.stack(each), PIXEL_ZERO), PIXEL_SCALE) as tf.Tensor4D;
  });
}
