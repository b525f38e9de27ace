import type { ImageAttributes, RgbaImage } from '../contract';
import { foregroundAspectRatio, separateForeground, type ForegroundMask } from './background';
import { colorHistogram } from './histogram';
import { dominantColors } from './dominant-colors';
import { sobel } from './gradients';
import { prepareImage } from './prepare';
import { shapeDescriptor } from './shape';
import { textureDescriptor } from './texture';

export interface AttributeOptions {
  /** Long side of the working image; larger inputs are area-downsampled to it (default 128). */
  maxSide: number;
  /** k-means clusters before same-name merging (default 5). */
  k: number;
  /** Seed for k-means++ (default 1): same input and seed, same output. */
  seed: number;
  /** Named colours under this foreground share are dropped (default 0.03). */
  minColorWeight: number;
  /** Foreground shares outside [minForeground, maxForeground] trigger the centre fallback. */
  minForeground: number;
  maxForeground: number;
}

export const DEFAULT_ATTRIBUTE_OPTIONS: Readonly<AttributeOptions> = {
  maxSide: 128,
  k: 5,
  seed: 1,
  minColorWeight: 0.03,
  minForeground: 0.05,
  maxForeground: 0.97,
};

export interface AttributeAnalysis {
  attributes: ImageAttributes;
  /** The foreground mask on the working image (for debugging and overlays). */
  mask: Uint8Array;
  maskSource: ForegroundMask['source'];
  workingWidth: number;
  workingHeight: number;
}

/** computeAttributes plus the mask it used and how the mask was made. */
export function analyzeAttributes(img: RgbaImage, options: Partial<AttributeOptions> = {}): AttributeAnalysis {
  const opt = { ...DEFAULT_ATTRIBUTE_OPTIONS, ...options };
  const work = prepareImage(img, opt.maxSide);
  const fg = separateForeground(work, { minShare: opt.minForeground, maxShare: opt.maxForeground, seed: opt.seed });
  const { aspectRatio, bboxArea } = foregroundAspectRatio(work, fg.mask);
  const grad = sobel(work);
  const attributes: ImageAttributes = {
    colors: dominantColors(work, fg.mask, { k: opt.k, seed: opt.seed, minWeight: opt.minColorWeight, maxSamples: 1500 }),
    colorHistogram: colorHistogram(work, fg.mask),
    texture: textureDescriptor(work, fg.mask, grad),
    shape: shapeDescriptor(work, fg.mask, grad, aspectRatio, bboxArea),
    aspectRatio,
    foreground: fg.share,
  };
  return { attributes, mask: fg.mask, maskSource: fg.source, workingWidth: work.width, workingHeight: work.height };
}

/**
 * Interpretable attributes of one product image: dominant named colours, colour histogram, texture and
 * shape descriptors, all on the foreground. Throws AttributeInputError for an empty or malformed image.
 */
export function computeAttributes(img: RgbaImage, options: Partial<AttributeOptions> = {}): ImageAttributes {
  return analyzeAttributes(img, options).attributes;
}
