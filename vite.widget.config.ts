import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * The embeddable widget, built in four passes into dist-widget/ (`npm run build:widget`):
 *  - default mode: the element as an ES module (glimpse-recs.js);
 *  - `--mode iife`: the element as a classic script (glimpse-recs.iife.js), which finds its own URL through
 *    document.currentScript (import.meta does not exist there, so it is defined away);
 *  - `--mode worker`: the engine worker as one classic script (glimpse-engine-worker.js) that the element
 *    starts through a same-origin blob + importScripts, plus the engine's binary assets next to it;
 *  - `--mode vision`: the shared MobileNetV2 extractor (src/engine + TF.js) as an ES module
 *    (glimpse-vision.js) with code-split chunks in vision/, which the worker import()s only when a catalog
 *    needs on-device extraction; of the TF.js backends only the one that wins the measurement is fetched.
 * Both are served with CORS headers (Access-Control-Allow-Origin: *) so partner pages on any origin can use them.
 */
const outDir = resolve(import.meta.dirname, 'dist-widget');

/** Copies the model and TF.js wasm binaries the worker fetches at run time (never inlined: megabytes). */
function engineAssets(): Plugin {
  return {
    name: 'glimpse-widget-engine-assets',
    closeBundle() {
      const dir = resolve(outDir, 'engine');
      mkdirSync(dir, { recursive: true });
      const wasm = resolve(import.meta.dirname, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
      for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
        copyFileSync(resolve(wasm, f), resolve(dir, f));
      }
      const model = resolve(import.meta.dirname, 'public/generated/models/mobilenet-v2.tflite');
      if (!existsSync(model)) throw new Error('public/generated/models/mobilenet-v2.tflite missing: run `npm run setup` first');
      copyFileSync(model, resolve(dir, 'mobilenet-v2.tflite'));
    },
  };
}

export default defineConfig(({ mode }) => {
  const worker = mode === 'worker';
  const iife = mode === 'iife';
  const vision = mode === 'vision';
  return {
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: !worker && !iife && !vision,
      target: 'es2022',
      sourcemap: true,
      minify: true,
      reportCompressedSize: false,
      // One chunk per TF.js package, so the size report (scripts/check-bundle-size.ts) can name what a device
      // downloads for the backend it chose.
      ...(vision
        ? {
            rolldownOptions: {
              output: {
                chunkFileNames: 'vision/[name]-[hash].js',
                codeSplitting: { groups: [{ debugName: 'tfjs-package', name: (id: string) => /@tensorflow[\\/](tfjs-[a-z-]+)/.exec(id)?.[1] ?? null }] },
              },
            },
          }
        : {}),
      lib: vision
        ? { entry: resolve(import.meta.dirname, 'src/widget/worker/vision.ts'), formats: ['es'], fileName: () => 'glimpse-vision.js' }
        : worker
        ? { entry: resolve(import.meta.dirname, 'src/widget/worker/entry.ts'), formats: ['iife'], name: 'GlimpseEngineWorker', fileName: () => 'glimpse-engine-worker.js' }
        : {
            entry: resolve(import.meta.dirname, 'src/widget/index.ts'),
            formats: [iife ? 'iife' : 'es'],
            name: 'GlimpseRecs',
            fileName: () => (iife ? 'glimpse-recs.iife.js' : 'glimpse-recs.js'),
          },
    },
    ...(iife || worker ? { define: { 'import.meta.url': 'undefined' } } : {}),
    plugins: worker ? [engineAssets()] : [],
  };
});
