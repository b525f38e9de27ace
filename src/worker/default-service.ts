import { openStore } from '../storage';
import { createBrowserEngine } from './browser-engine';
import { createExplainedRecommender } from './explained-recommender';
import { GlimpseService } from './service';

/** Same-origin asset URLs (copied by `npm run setup`), relative to the app's base. */
function assetUrl(path: string): string {
  return new URL(`${import.meta.env.BASE_URL}${path}`, self.location.origin).href;
}

/**
 * The production wiring, shared by the worker entry and the in-process fallback: IndexedDB storage, the
 * MobileNetV2 engine (wasm, loaded on first use), precomputed feature files fetched over HTTP, and the
 * explained recommender (taste + attribute preferences, core rank() with MMR, explainItem).
 */
export function createDefaultService(): Promise<GlimpseService> {
  return GlimpseService.create({
    openStore: (hooks) => openStore({ onRepair: hooks.onRepair, onVersionChange: hooks.onVersionChange }),
    engine: async () =>
      createBrowserEngine({
        modelUrl: assetUrl('generated/models/mobilenet-v2.tflite'),
        wasmPath: assetUrl('generated/tfjs-wasm/'),
      }),
    fetchBytes: async (url) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    recommender: createExplainedRecommender(),
  });
}
