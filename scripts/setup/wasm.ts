import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Copies the tfjs-backend-wasm binaries to public/generated/tfjs-wasm/ so the browser loads them from
 * our own origin (no CDN; works offline and under COEP). The engine calls setWasmPaths with this folder.
 */
export function copyWasmBinaries(root: string): number {
  const from = resolve(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  const to = resolve(root, 'public/generated/tfjs-wasm');
  mkdirSync(to, { recursive: true });
  let copied = 0;
  for (const f of readdirSync(from).filter((x) => x.endsWith('.wasm'))) {
    const src = resolve(from, f);
    const dst = resolve(to, f);
    if (!existsSync(dst) || statSync(dst).size !== statSync(src).size) {
      copyFileSync(src, dst);
      copied++;
    }
  }
  return copied;
}
