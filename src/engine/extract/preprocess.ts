import * as tf from '@tensorflow/tfjs-core';
import type { RgbaImage } from '../../features/contract';
import type { FrameMode } from '../../features/downsample';
import { FRAME_MODE, MODEL_SIZE, toModelImage, type ModelImage } from './prepare';

/** MobileNetV2's input contract (from the TFLite file): real = (pixel - 127) * 0.0078431. */
export const PIXEL_ZERO = 127;
export const PIXEL_SCALE = 0.007843137718737125;

/** Prepared images (prepare.ts) to the model's normalised input batch [n, 224, 224, 3]. */
export function modelBatch(images: readonly ModelImage[]): tf.Tensor4D {
  return tf.tidy(() => {
    const each = images.map((img) => {
      if ('rgb' in img) return tf.tensor3d(img.rgb, [MODEL_SIZE, MODEL_SIZE, 3]);
      const { data, width, height } = img.pixels;
      const rgba = tf.tensor3d(Float32Array.from(data), [height, width, 4]);
      const [rgb, alpha] = tf.split(rgba, [3, 1], 2);
      const a = tf.div(alpha!, 255);
      const over = tf.add(tf.mul(rgb!, a), tf.mul(tf.sub(1, a), 255));
      return tf.image.resizeBilinear(over as tf.Tensor3D, [MODEL_SIZE, MODEL_SIZE], false, true);
    });
    return tf.mul(tf.sub(tf.stack(each), PIXEL_ZERO), PIXEL_SCALE) as tf.Tensor4D;
  });
}

/** RGBA pixels to the model's input batch, resized on this thread (the eval sweeps compare frame modes). */
export function toModelInput(images: readonly RgbaImage[], frame: FrameMode = FRAME_MODE): tf.Tensor4D {
  return modelBatch(images.map((img) => toModelImage(img, frame)));
}
