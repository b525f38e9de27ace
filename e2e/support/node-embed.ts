import { readFileSync } from 'node:fs';
import { loadNodeExtractor } from '../../scripts/features/node-extractor';

/**
 * Prints the Node pipeline's raw embeddings (wasm backend, sharp decoding) of the image files given as
 * arguments, as JSON {path: number[]}: the reference side of the browser-vs-Node parity checks in
 * e2e/extract.backend.spec.ts. Run as a child process (tsx) so the Playwright runner never loads TF.js.
 */
async function main(): Promise<void> {
  const files = process.argv.slice(2);
  const extractor = await loadNodeExtractor(1);
  try {
    const items = await extractor.extract(files.map((f) => ({ id: f, bytes: new Uint8Array(readFileSync(f)) })));
    const out: Record<string, number[]> = {};
    for (const item of items) {
      if (!item.ok) throw new Error(`${item.id}: ${item.error.code}: ${item.error.message}`);
      out[item.id] = Array.from(item.embedding);
    }
    process.stdout.write(JSON.stringify(out));
  } finally {
    extractor.dispose();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
