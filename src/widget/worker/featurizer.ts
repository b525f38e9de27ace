import { ATTRIBUTES_EXTRACTOR, computeAttributes } from '../../features/attributes';
import type { ExtractorInfo, ImageAttributes, RgbaImage } from '../../features/contract';

/**
 * What the widget engine needs from the vision pipeline, per image: the raw CNN embedding (null for the
 * attribute-only featurizer), the interpretable attributes and the dominant colour name. Combining them
 * into one vector needs the partner's catalog (visual-space.ts), so it happens in the engine.
 */
export interface VisualFeaturizer {
  /** Identity of the combined vectors this featurizer's parts make (for the audit trail). */
  readonly info: ExtractorInfo;
  /** Identity of what the shop's device cache stores per image (raw CNN embedding + attributes). */
  readonly cacheInfo: ExtractorInfo;
  /** Side of the square RGBA input. */
  readonly inputSize: number;
  describe(image: RgbaImage): Promise<{ cnn: Float32Array | null; colour: string; attributes: ImageAttributes }>;
  /** Live tensors held (for leak checks); 0 for pure-JS featurizers. */
  tensors(): number;
  dispose(): void;
}

export const extractorLabel = (info: ExtractorInfo) => `${info.id}@${info.version}`;

/** The shared interpretable attributes (src/features/attributes: foreground colour, texture and shape) alone. */
export function createAttributeFeaturizer(): VisualFeaturizer {
  return {
    info: ATTRIBUTES_EXTRACTOR,
    cacheInfo: ATTRIBUTES_EXTRACTOR,
    inputSize: 160,
    async describe(image) {
      const attributes = computeAttributes(image);
      return { cnn: null, colour: attributes.colors[0]?.name ?? '', attributes };
    },
    tensors: () => 0,
    dispose() {},
  };
}
