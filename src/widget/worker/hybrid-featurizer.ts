import { attributeVector, ATTRIBUTES_EXTRACTOR, computeAttributes } from '../../features/attributes';
import type { ExtractorInfo } from '../../features/contract';
import { centerAndNormalize } from '../../features/embedding-post';
import type { VisualFeaturizer } from './featurizer';
import { CNN_EXTRACTOR, type VisionModel } from './vision-types';

/**
 * Share of the CNN block in the hybrid vector. Both blocks are unit vectors scaled by sqrt(share), so the
 * cosine of two hybrid vectors is CNN_SHARE * cos(MobileNetV2) + (1 - CNN_SHARE) * cos(attributes): the
 * CNN brings "same kind of garment", the attributes keep colour/texture/shape (and the colour name that
 * explains a match) as strong as in the app's attribute preferences.
 */
export const CNN_SHARE = 0.5;

export const HYBRID_EXTRACTOR: ExtractorInfo = {
  id: `widget-hybrid(${CNN_EXTRACTOR.id}@${CNN_EXTRACTOR.version}+${ATTRIBUTES_EXTRACTOR.id}@${ATTRIBUTES_EXTRACTOR.version})`,
  version: 1,
  dims: CNN_EXTRACTOR.dims + ATTRIBUTES_EXTRACTOR.dims,
};

/** The extractor could not be loaded (no network to the model, no WebAssembly, blocked import()). */
export class VisionUnavailableError extends Error {
  override name = 'VisionUnavailableError';
}

export interface HybridFeaturizer extends VisualFeaturizer {
  /** Loads the model (once); rejects with VisionUnavailableError when it cannot. */
  prepare(): Promise<VisionModel>;
  /** The loaded model, if any (backend name and reason for the status). */
  readonly model: VisionModel | null;
}

/**
 * MobileNetV2 embedding + interpretable attributes, computed on the visitor's device. The model loads on
 * the first call to prepare() or describe(), never at construction: a catalog with a precomputed feature
 * file, or one the shopper never opens, never downloads TF.js.
 */
export function createHybridFeaturizer(load: () => Promise<VisionModel>): HybridFeaturizer {
  let loading: Promise<VisionModel> | null = null;
  let model: VisionModel | null = null;
  let disposed = false;
  const prepare = () => (loading ??= load().then(
    (m) => {
      if (disposed) {
        m.dispose();
        throw new VisionUnavailableError('The widget was removed while its model loaded.');
      }
      model = m;
      return m;
    },
    (err: unknown) => {
      throw new VisionUnavailableError(err instanceof Error ? err.message : String(err));
    },
  ));
  const cnnScale = Math.sqrt(CNN_SHARE);
  const attrScale = Math.sqrt(1 - CNN_SHARE);
  return {
    info: HYBRID_EXTRACTOR,
    inputSize: 224,
    prepare,
    get model() {
      return model;
    },
    async describe(image) {
      const m = await prepare();
      const cnn = centerAndNormalize(await m.embed(image), null);
      const attributes = computeAttributes(image);
      const attr = attributeVector(attributes);
      const vector = new Float32Array(HYBRID_EXTRACTOR.dims);
      for (let i = 0; i < cnn.length; i++) vector[i] = cnn[i] * cnnScale;
      for (let i = 0; i < attr.length; i++) vector[cnn.length + i] = attr[i] * attrScale;
      return { vector, colour: attributes.colors[0]?.name ?? '', attributes };
    },
    tensors: () => model?.tensors() ?? 0,
    dispose() {
      disposed = true;
      model?.dispose();
      model = null;
    },
  };
}
