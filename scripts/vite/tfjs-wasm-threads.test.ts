import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchBackendWasm } from './tfjs-wasm-threads';

const require = createRequire(import.meta.url);
const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
const file = join(dist, 'dist', 'backend_wasm.js');

describe('tfjs-wasm-threads plugin', () => {
  it("replaces the threaded factory's toString() blob with the URL of the untouched factory script", () => {
    const code = readFileSync(file, 'utf8');
    expect(code).toContain('wasmFactoryThreadedSimd.toString()');
    const out = patchBackendWasm(code, file)!;
    expect(out).not.toContain('wasmFactoryThreadedSimd.toString()');
    expect(out).toMatch(/^import __glimpseThreadedFactoryUrl from '\.\.\/wasm-out\/tfjs-backend-wasm-threaded-simd\.js\?url';/);
    expect(out).toContain('factoryConfig.mainScriptUrlOrBlob = new URL(__glimpseThreadedFactoryUrl, self.location.href).href;');
    // The factory is still bundled for the main thread; only the workers' copy changes.
    expect(out).toContain('wasm = wasmFactoryThreadedSimd(factoryConfig);');
  });

  it('leaves other modules alone and fails loudly when the library changed shape', () => {
    expect(patchBackendWasm('export const x = 1;', '/x/node_modules/@tensorflow/tfjs-core/dist/index.js')).toBeNull();
    expect(() => patchBackendWasm('export const x = 1;', file)).toThrow(/threaded factory blob was not found/);
  });
});
