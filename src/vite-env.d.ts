/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Defined (true) by scripts/vite/tfjs-wasm-threads.ts in bundles whose threaded wasm works. */
  readonly GLIMPSE_WASM_THREADS?: boolean;
}
