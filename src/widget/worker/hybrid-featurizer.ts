import { ATTRIBUTES_EXTRACTOR, computeAttributes } from '../../features/attributes';
import type { ExtractorInfo } from '../../features/contract';
import type { VisualFeaturizer } from './featurizer';
import { CNN_EXTRACTOR, type VisionModel } from './vision-types';

/**
 * Identity of the widget's combined vectors: a CNN block (raw MobileNetV2, or a feature file's space) and
 * the attribute block, each centred on the partner's catalog (visual-space.ts). Version 2: catalog-centred.
 */
export function hybridInfo(cnn: ExtractorInfo = CNN_EXTRACTOR): ExtractorInfo {
  return {
    id: `widget-hybrid(${cnn.id}@${cnn.version}+${ATTRIBUTES_EXTRACTOR.id}@${ATTRIBUTES_EXTRACTOR.version})`,
    version: 2,
    dims: cnn.dims + ATTRIBUTES_EXTRACTOR.dims,
  };
}

export const HYBRID_EXTRACTOR: ExtractorInfo = hybridInfo();

/** What the shop's device cache keeps per image: the raw embedding (dims) with the attributes beside it. */
export const HYBRID_CACHE: ExtractorInfo = {
  id: `widget-raw(${CNN_EXTRACTOR.id}@${CNN_EXTRACTOR.version}+${ATTRIBUTES_EXTRACTOR.id}@${ATTRIBUTES_EXTRACTOR.version})`,
  version: 1,
  dims: CNN_EXTRACTOR.dims,
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
  return {
    info: HYBRID_EXTRACTOR,
    cacheInfo: HYBRID_CACHE,
    inputSize: 224,
    prepare,
    get model() {
      return model;
    },
    async describe(image) {
      const m = await prepare();
      const cnn = await m.embed(image);
      const attributes = computeAttributes(image);
      return { cnn, colour: attributes.colors[0]?.name ?? '', attributes };
    },
    tensors: () => model?.tensors() ?? 0,
    dispose() {
      disposed = true;
      model?.dispose();
      model = null;
    },
  };
}
