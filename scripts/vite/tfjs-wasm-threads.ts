import type { Plugin } from 'vite';

/**
 * Makes tfjs-backend-wasm's threaded build work after bundling. Its pthread workers load the Emscripten
 * factory from a blob made of `wasmFactoryThreadedSimd.toString()`; once the bundler has minified and
 * scope-hoisted that function, its text refers to names that only exist in the bundle ("e is not defined")
 * and every worker dies, so the backend never finishes initialising. This plugin emits the untouched
 * factory script as a same-origin asset and hands the workers its URL instead (same-origin, so a CSP with
 * `script-src 'self'` allows the workers' importScripts). It also defines
 * `import.meta.env.GLIMPSE_WASM_THREADS`, which the engine reads to allow threads only in bundles that have
 * the fix; bundles without it (the widget) stay single-threaded.
 */
const BACKEND_FILE = /[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
const FACTORY_BLOB =
  /factoryConfig\.mainScriptUrlOrBlob\s*=\s*new Blob\(\[`var WasmBackendModuleThreadedSimd = `\s*\+\s*wasmFactoryThreadedSimd\.toString\(\)\],\s*\{\s*type:\s*'text\/javascript'\s*\}\);/;

/** The source rewrite on its own (unit-tested): null when `code` is not the file to patch. */
export function patchBackendWasm(code: string, id: string): string | null {
  if (!BACKEND_FILE.test(id.split('?')[0]!)) return null;
  if (!FACTORY_BLOB.test(code)) {
    throw new Error('tfjs-wasm-threads: the threaded factory blob was not found in backend_wasm.js (tfjs-backend-wasm changed?)');
  }
  return (
    `import __glimpseThreadedFactoryUrl from '../wasm-out/tfjs-backend-wasm-threaded-simd.js?url';\n` +
    code.replace(
      FACTORY_BLOB,
      // Absolute: the pthread workers run from blob: URLs, against which a root-relative path cannot resolve.
      'factoryConfig.mainScriptUrlOrBlob = new URL(__glimpseThreadedFactoryUrl, self.location.href).href;',
    )
  );
}

export function tfjsWasmThreads(): Plugin {
  return {
    name: 'glimpse-tfjs-wasm-threads',
    // Dev pre-bundles dependencies without running transforms, so only builds get the fix (and threads).
    apply: 'build',
    enforce: 'pre',
    config: () => ({ define: { 'import.meta.env.GLIMPSE_WASM_THREADS': 'true' } }),
    transform(code, id) {
      const out = patchBackendWasm(code, id);
      return out === null ? null : { code: out, map: null };
    },
  };
}
