import type { ExtractorInfo } from '../../features/contract';

/**
 * Which vectors the MobileNetV2 extractor writes. Kept apart from extractor.ts so code that only needs to
 * name the extractor (cache keys, the worker's start-up) does not load TF.js.
 */
export const MOBILENET_EXTRACTOR: ExtractorInfo = { id: 'mobilenet-v2-imagenet-gap', version: 2, dims: 1280 };
