import { Extractor } from '../../engine/extract/extractor';
import { liveTensorCount } from '../../engine/memory';
import { MODEL_FILE, WASM_DIR, type LoadVision, type VisionModel } from './vision-types';

/**
 * Entry of dist-widget/glimpse-vision.js (an ES module with code-split chunks), imported by the widget's
 * worker only when a catalog needs on-device extraction. Wraps the app's own MobileNetV2 Extractor: the
 * backend is chosen by measurement (probe webgpu -> webgl -> wasm -> cpu, reject software GPUs, benchmark
 * the survivors), and only the winning backend's chunk is downloaded.
 */
export const loadVision: LoadVision = async ({ assetsBase }) => {
  const extractor = await Extractor.load({
    model: { url: new URL(MODEL_FILE, assetsBase).href },
    backend: 'auto',
    wasmPath: new URL(WASM_DIR, assetsBase).href,
  });
  const chosen = extractor.backend.candidates.find((c) => c.name === extractor.backend.chosen);
  const model: VisionModel = {
    info: extractor.info,
    get backend() {
      return extractor.backend.chosen;
    },
    backendReason: chosen?.reason ?? '',
    async embed(image) {
      const [r] = await extractor.extract([{ id: 'image', pixels: image }]);
      if (!r || !r.ok) throw new Error(r ? r.error.message : 'The extractor returned nothing.');
      return r.embedding;
    },
    tensors: liveTensorCount,
    dispose: () => extractor.dispose(),
  };
  return model;
};
