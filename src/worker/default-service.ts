import { openStore } from '../storage';
import { createBrowserEngine } from './browser-engine';
import { createExplainedRecommender } from './explained-recommender';
import { GlimpseService } from './service';

/** Same-origin asset URLs (copied by `npm run setup`), relative to the app's base. */
function assetUrl(path: string): string {
  return new URL(`${import.meta.env.BASE_URL}${path}`, self.location.origin).href;
}

/**
 * Threads need shared memory (a cross-origin-isolated page) and a bundle whose pthread workers can load the
 * wasm factory (the build-time define of scripts/vite/tfjs-wasm-threads.ts); the widget has neither.
 */
function wasmThreadsAllowed(): boolean {
  return import.meta.env.GLIMPSE_WASM_THREADS === true && globalThis.crossOriginIsolated === true;
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
        wasmThreads: wasmThreadsAllowed(),
      }),
    fetchBytes: async (url) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    recommender: createExplainedRecommender(),
  });
}
