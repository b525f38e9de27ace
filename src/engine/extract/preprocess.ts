import * as tf from '@tensorflow/tfjs-core';
import type { RgbaImage } from '../../features/contract';
import { areaResizeRgb, type FrameMode } from '../../features/downsample';

/** MobileNetV2's input contract (from the TFLite file): 224x224 RGB, real = (pixel - 127) * 0.0078431. */
export const MODEL_SIZE = 224;
export const PIXEL_ZERO = 127;
export const PIXEL_SCALE = 0.007843137718737125;

/**
 * How a photo becomes the square model input. Chosen by `scripts/eval/preprocess-sweep.ts` on the visual
 * eval subset (see src/engine/README.md for the table): area averaging, not plain bilinear, and the frame
 * mode below. Changing either changes the numbers: bump MOBILENET_EXTRACTOR.version.
 */
export const FRAME_MODE: FrameMode = 'center-crop';

/**
 * RGBA pixels to the model's input batch [n, 224, 224, 3]. Photos at least 224 px on both sides are
 * area-averaged to 224x224 in plain JS (alpha composited over white), so the browser and Node compute the
 * same numbers and fine textures do not alias; smaller images are upsampled with TF.js bilinear.
 */
export function toModelInput(images: readonly RgbaImage[], frame: FrameMode = FRAME_MODE): tf.Tensor4D {
  return tf.tidy(() => {
    const each = images.map((img) => {
      if (Math.min(img.width, img.height) >= MODEL_SIZE) {
        return tf.tensor3d(areaResizeRgb(img, MODEL_SIZE, frame), [MODEL_SIZE, MODEL_SIZE, 3]);
      }
      const rgba = tf.tensor3d(Float32Array.from(img.data), [img.height, img.width, 4]);
      const [rgb, alpha] = tf.split(rgba, [3, 1], 2);
      const a = tf.div(alpha!, 255);
      const over = tf.add(tf.mul(rgb!, a), tf.mul(tf.sub(1, a), 255));
      return tf.image.resizeBilinear(over as tf.Tensor3D, [MODEL_SIZE, MODEL_SIZE], false, true);
    });
    return tf.mul(tf.sub(tf.stack(each), PIXEL_ZERO), PIXEL_SCALE) as tf.Tensor4D;
  });
}
