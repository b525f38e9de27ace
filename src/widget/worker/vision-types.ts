import type { ExtractorInfo, RgbaImage } from '../../features/contract';

/** File names of the lazily loaded vision module and the assets it fetches, relative to the widget's folder. */
export const VISION_FILE = 'glimpse-vision.js';
export const MODEL_FILE = 'engine/mobilenet-v2.tflite';
export const WASM_DIR = 'engine/';

/**
 * The shared MobileNetV2 extractor (src/engine) as the widget's worker sees it once loaded. Lives in its own
 * lazily imported module (glimpse-vision.js + chunks: TF.js and only the backend that wins), so neither the
 * element nor the worker carries TF.js until a catalog actually needs on-device extraction.
 */
export interface VisionModel {
  /** The raw CNN extractor (id, version, dims). */
  readonly info: ExtractorInfo;
  /** The TF.js backend chosen by measurement on this device, and why. */
  readonly backend: string;
  readonly backendReason: string;
  /** Raw (non-normalised) embedding of one RGBA image. */
  embed(image: RgbaImage): Promise<Float32Array>;
  /** Live TF.js tensors (model weights included): the leak-check hook. */
  tensors(): number;
  dispose(): void;
}

export interface VisionLoadOptions {
  /** Absolute URL of the widget's folder (ends in "/"). */
  assetsBase: string;
}

export type LoadVision = (options: VisionLoadOptions) => Promise<VisionModel>;

/**
 * The identity of src/engine's MOBILENET_EXTRACTOR, restated here so the worker bundle can name it without
 * importing TF.js (a unit test keeps the two equal).
 */
export const CNN_EXTRACTOR: ExtractorInfo = { id: 'mobilenet-v2-imagenet-gap', version: 2, dims: 1280 };
