import type { RgbaImage } from '../../features/contract';
import { COLOUR_SIGNATURE, colourSignature } from './colour-signature';

/** What the widget engine needs from the vision pipeline: one normalised vector and a colour name per image. */
export interface VisualFeaturizer {
  /** extractor id@version, recorded in the catalog summary. */
  readonly id: string;
  /** Side of the square RGBA input. */
  readonly inputSize: number;
  describe(image: RgbaImage): Promise<{ vector: Float32Array; colour: string }>;
  /** Live tensors held (for leak checks); 0 for pure-JS featurizers. */
  tensors(): number;
  dispose(): void;
}

export function createColourFeaturizer(): VisualFeaturizer {
  return {
    id: `${COLOUR_SIGNATURE.id}@${COLOUR_SIGNATURE.version}`,
    inputSize: 96,
    async describe(image) {
      const s = colourSignature(image);
      return { vector: s.vector, colour: s.dominant };
    },
    tensors: () => 0,
    dispose() {},
  };
}
