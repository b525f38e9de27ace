import { spawn } from 'node:child_process';
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
  const features = await demoFeatures();
  const evals = copyEvalReports(projectRoot());
  if (evals.skipped.length) console.warn(`setup: unreadable eval reports skipped: ${evals.skipped.join(', ')}`);
  console.log(
    `setup: ${features}; ready in ${Date.now() - started} ms (demo catalog: ${catalog.items} items${catalog.skipped ? ', up to date' : ''}; ` +
      `eval results: ${evals.suites.length ? evals.suites.join(', ') : 'none (run npm run eval)'})`,
  );
}

/**
 * Precomputed MobileNetV2 features for the demo catalog (`npm run features`, its own idempotency stamp:
 * extractor versions, extraction sources, model, images), so the app never extracts the catalog in the
 * browser. GLIMPSE_SKIP_FEATURES=1 skips it (the app then extracts in its worker, with progress).
 */
async function demoFeatures(): Promise<string> {
  if (process.env.GLIMPSE_SKIP_FEATURES === '1') return 'features skipped (GLIMPSE_SKIP_FEATURES=1)';
  const started = Date.now();
  const script = resolve(projectRoot(), 'scripts/features/index.ts');
  await new Promise<void>((ok, fail) => {
    // process.execArgv carries tsx's loader; stderr (progress) goes straight through.
    const child = spawn(process.execPath, [...process.execArgv, script], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`npm run features exited with ${code}`))));
  });
  return `demo features in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}

main().catch((err: unknown) => {
  console.error(`setup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
