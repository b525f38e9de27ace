import { defineConfig } from 'vite';

// The bench page: its own small build (dist-bench/) so the app's bundle and its size stay untouched.
// Same COOP/COEP headers as the app, so the page is cross-origin isolated like the app.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: '../../dist-bench', emptyOutDir: true, target: 'es2022' },
  preview: { headers: isolation },
});
