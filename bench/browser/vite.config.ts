import { defineConfig } from 'vite';
import { tfjsWasmThreads } from '../../scripts/vite/tfjs-wasm-threads';

// The bench page: its own small build (dist-bench/) so the app's bundle and its size stay untouched.
// Same COOP/COEP headers as the app, so the page is cross-origin isolated like the app.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: import.meta.dirname,
  plugins: [tfjsWasmThreads()],
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  build: { outDir: '../../dist-bench', emptyOutDir: true, target: 'es2022' },
  preview: { headers: isolation },
});
