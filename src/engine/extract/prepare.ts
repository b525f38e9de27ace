import { computeAttributes } from '../../features/attributes';
import type { ImageAttributes, RgbaImage } from '../../features/contract';
import { areaResizeRgb, type FrameMode } from '../../features/downsample';
import {
  checkImageBytes,
  ImageError,
  toImageError,
  type ImageErrorCode,
  type ImageLimits,
} from '../../features/image-check';
import type { ImageDecoder } from './decode';

// Everything here is plain JS (no TF.js), so a second worker can run it while the first runs the model.

/** MobileNetV2's input side (from the TFLite file). */
export const MODEL_SIZE = 224;

/**
 * How a photo becomes the square model input. Chosen by `scripts/eval/preprocess-sweep.ts` on the visual
 * eval subset (see src/engine/README.md for the table): area averaging, not plain bilinear, and the frame
 * mode below. Changing either changes the numbers: bump MOBILENET_EXTRACTOR.version.
 */
export const FRAME_MODE: FrameMode = 'center-crop';

/**
 * One image on its way into the model: photos at least 224 px on both sides already area-averaged to
 * 224x224 RGB (0..255, alpha over white; plain JS, so the browser and Node compute the same numbers), or the
 * pixels of a smaller image, which TF.js upsamples on the inference thread.
 */
export type ModelImage = { rgb: Float32Array } | { pixels: RgbaImage };

export interface PreparedImage {
  image: ModelImage;
  /** Asked for with `withAttributes`: colours, texture and shape of the same pixels; absent if they failed. */
  attributes?: ImageAttributes;
}

export function toModelImage(pixels: RgbaImage, frame: FrameMode = FRAME_MODE): ModelImage {
  return Math.min(pixels.width, pixels.height) >= MODEL_SIZE
    ? { rgb: areaResizeRgb(pixels, MODEL_SIZE, frame) }
    : { pixels };
}

/** Attributes of decoded pixels, or undefined when the maths rejects the image (it keeps its embedding). */
export function attributesOf(pixels: RgbaImage): ImageAttributes | undefined {
  try {
    return computeAttributes(pixels);
  } catch {
    // The caller decides whether an image without attributes is usable (the app: no; the eval CLIs: yes).
    return undefined;
  }
}

/** The work between decoding and the model: the resize and, if asked, the attributes. */
export function prepareDecoded(pixels: RgbaImage, withAttributes: boolean): PreparedImage {
  const image = toModelImage(pixels);
  const attributes = withAttributes ? attributesOf(pixels) : undefined;
  return attributes ? { image, attributes } : { image };
}

/** Checks, decodes and prepares encoded bytes on the calling thread; rejects with an ImageError. */
export async function prepareBytes(
  decoder: ImageDecoder,
  bytes: Uint8Array,
  limits: ImageLimits,
  withAttributes: boolean,
): Promise<PreparedImage> {
  checkImageBytes(bytes, limits);
  return prepareDecoded(await decoder.decode(bytes, limits), withAttributes);
}

/**
 * Decodes and prepares images off the inference thread (src/worker/prep-client.ts: a second Web Worker), so
 * the thread that runs the model does nothing else. Rejects with an ImageError for a bad image.
 */
export interface ImagePreparer {
  prepare(bytes: Uint8Array, limits: ImageLimits, withAttributes: boolean): Promise<PreparedImage>;
}

/** A prepare() outcome that survives postMessage (errors lose their class and code on the way). */
export type PrepareOutcome =
  { ok: true; prepared: PreparedImage } | { ok: false; code: ImageErrorCode; message: string };

export async function prepareOutcome(
  decoder: ImageDecoder,
  bytes: Uint8Array,
  limits: ImageLimits,
  withAttributes: boolean,
): Promise<PrepareOutcome> {
  try {
    return { ok: true, prepared: await prepareBytes(decoder, bytes, limits, withAttributes) };
  } catch (err) {
    const { code, message } = toImageError(err);
    return { ok: false, code, message };
  }
}

export function fromOutcome(outcome: PrepareOutcome): PreparedImage {
  if (outcome.ok) return outcome.prepared;
  throw new ImageError(outcome.code, outcome.message);
}
