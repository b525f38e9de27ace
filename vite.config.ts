import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { pwaPlugin } from './src/pwa/plugin';
import { tfjsWasmThreads } from './scripts/vite/tfjs-wasm-threads';

// Cross-origin isolation lets the TF.js WASM backend use threads (SharedArrayBuffer).
// The app loads nothing cross-origin, so require-corp costs nothing.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// The Content Security Policy the built app runs under: only same-origin code, data and connections.
// 'wasm-unsafe-eval' lets TF.js compile its WebAssembly; blob: workers are threaded wasm's pthreads (they
// load the wasm factory same-origin, scripts/vite/tfjs-wasm-threads.ts, so script-src stays 'self'); inline
// styles are for the PWA toast's <style> element. frame-ancestors only works as a header (preview below).
const csp = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Adds the CSP meta tag to the built index.html only (the dev server needs inline scripts for hot reload). */
const cspMeta = (): Plugin => ({
  name: 'glimpse-csp',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: csp },
      injectTo: 'head-prepend',
    },
  ],
});

export default defineConfig({
  plugins: [react(), pwaPlugin(), cspMeta(), tfjsWasmThreads()],
  // The engine worker runs TF.js, so it needs the threaded-wasm fix too (workers get their own plugins).
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  server: { headers: isolation },
  preview: {
    headers: { ...isolation, 'Content-Security-Policy': `${csp}; frame-ancestors 'none'` },
    port: 4173,
    strictPort: true,
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
    // bench.html: the feature-extraction harness for e2e/*.backend.spec.ts and the browser benchmark.
    rollupOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
});
