import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MODEL_ASSET, projectRoot, readAsset, sha256 } from './assets';
import { generateDemoCatalog, optionsFromEnv } from './demo-catalog';
import { copyEvalReports } from './eval-reports';
import { copyWasmBinaries } from './wasm';

/** Idempotent set-up run by `npm start` and `npm test`: generated, gitignored files under public/generated. */
async function main(): Promise<void> {
  const started = Date.now();
  const out = resolve(projectRoot(), 'public/generated');
  mkdirSync(resolve(out, 'models'), { recursive: true });
  const modelOut = resolve(out, 'models/mobilenet-v2.tflite');
  if (!existsSync(modelOut) || sha256(new Uint8Array(readFileSync(modelOut))) !== MODEL_ASSET.sha256) {
    writeFileSync(modelOut, await readAsset(MODEL_ASSET));
  }
  copyWasmBinaries(projectRoot());
  const catalog = await generateDemoCatalog(optionsFromEnv(resolve(out, 'catalog')));
  const evals = copyEvalReports(projectRoot());
  if (evals.skipped.length) console.warn(`setup: unreadable eval reports skipped: ${evals.skipped.join(', ')}`);
  console.log(
    `setup: ready in ${Date.now() - started} ms (demo catalog: ${catalog.items} items${catalog.skipped ? ', up to date' : ''}; ` +
      `eval results: ${evals.suites.length ? evals.suites.join(', ') : 'none (run npm run eval)'})`,
  );
}

main().catch((err: unknown) => {
  console.error(`setup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
