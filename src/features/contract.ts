import type { NamedColor } from '../core/catalog/schema';

/**
 * The feature contract shared by the browser engine, the Node CLI and the models. Every stored or
 * shipped vector records the extractor that made it; a mismatch re-extracts, never mixes vectors.
 */
export interface ExtractorInfo {
  /** e.g. "mobilenet-v2-imagenet-gap" (embedding) or "glimpse-attributes" (interpretable). */
  id: string;
  /** Bumped whenever the numbers an extractor produces change. */
  version: number;
  dims: number;
}

/** Decoded pixels, row-major RGBA (what ImageData, OffscreenCanvas and sharp's raw output give). */
export interface RgbaImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

/** Interpretable attributes of one product image, computed on the foreground (background ignored). */
export interface ImageAttributes {
  /** Dominant foreground colours, heaviest first, mapped to named colours. */
  colors: NamedColor[];
  /** Normalised colour histogram (sums to 1) over a fixed binning documented by the extractor. */
  colorHistogram: Float32Array;
  /** Texture descriptor (e.g. gradient energy, LBP histogram), fixed length. */
  texture: Float32Array;
  /** Shape descriptor (e.g. edge-orientation histogram), fixed length. */
  shape: Float32Array;
  /** Foreground bounding-box width / height. */
  aspectRatio: number;
  /** Share of pixels judged foreground, 0..1. */
  foreground: number;
}

/** Per-item features as the rest of Glimpse sees them. */
export interface ItemFeatures {
  itemId: string;
  /** Mean-centred, L2-normalised CNN embedding (or its PCA projection). */
  embedding: Float32Array;
  attributes: ImageAttributes;
}
