import { attributeVector, ATTRIBUTES_EXTRACTOR, computeAttributes } from '../../features/attributes';
import type { ExtractorInfo, ImageAttributes, RgbaImage } from '../../features/contract';

/** What the widget engine needs from the vision pipeline: one normalised vector and a colour name per image. */
export interface VisualFeaturizer {
  readonly info: ExtractorInfo;
  /** Side of the square RGBA input. */
  readonly inputSize: number;
  describe(image: RgbaImage): Promise<{ vector: Float32Array; colour: string; attributes: ImageAttributes }>;
  /** Live tensors held (for leak checks); 0 for pure-JS featurizers. */
  tensors(): number;
  dispose(): void;
}

export const extractorLabel = (info: ExtractorInfo) => `${info.id}@${info.version}`;

/**
 * The shared interpretable attributes (src/features/attributes: foreground colour, texture and shape)
 * as one L2-normalised vector; the dominant named colour explains the match.
 */
export function createAttributeFeaturizer(): VisualFeaturizer {
  return {
    info: ATTRIBUTES_EXTRACTOR,
    inputSize: 160,
    async describe(image) {
      const attributes = computeAttributes(image);
      return { vector: attributeVector(attributes), colour: attributes.colors[0]?.name ?? '', attributes };
    },
    tensors: () => 0,
    dispose() {},
  };
}
