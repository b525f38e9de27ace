/**
 * Bundle-size budget of the embeddable widget (run by `npm run build:widget`, so by `npm test` too).
 * Reports gzipped sizes of what a partner page downloads: the element alone (UI + worker client: all a
 * page pays before the engine starts) and the whole widget with its engine worker. The TF.js wasm binary
 * and the model staged for the MobileNetV2 extractor are reported, not budgeted (not fetched yet).
 * Exits 1 when a budget is exceeded. Budgets are documented in EMBEDDING.md: change both together.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Budget {
  label: string;
  files: string[];
  /** Gzipped bytes allowed; null = reported only. */
  maxGzip: number | null;
}

export const BUDGETS: Budget[] = [
  { label: 'element, ES module (UI + worker client; no engine, no TF.js)', files: ['glimpse-recs.js'], maxGzip: 12 * 1024 },
  { label: 'element, classic script', files: ['glimpse-recs.iife.js'], maxGzip: 12 * 1024 },
  { label: 'engine worker (catalog validation, features, storage, ranking)', files: ['glimpse-engine-worker.js'], maxGzip: 80 * 1024 },
  { label: 'whole widget as loaded today (element + engine worker)', files: ['glimpse-recs.js', 'glimpse-engine-worker.js'], maxGzip: 96 * 1024 },
  // Staged next to the worker for the MobileNetV2 extractor (TF.js wasm backend); not fetched by today's engine.
  { label: 'staged TF.js wasm binary (simd)', files: ['engine/tfjs-backend-wasm-simd.wasm'], maxGzip: null },
  { label: 'staged model (MobileNetV2 int8 tflite, data)', files: ['engine/mobilenet-v2.tflite'], maxGzip: null },
];

export interface BudgetResult extends Budget {
  gzip: number;
  raw: number;
  ok: boolean;
}

export function checkBudgets(budgets: Budget[], sizeOf: (file: string) => { raw: number; gzip: number }): BudgetResult[] {
  return budgets.map((b) => {
    const sizes = b.files.map(sizeOf);
    const gzip = sizes.reduce((s, x) => s + x.gzip, 0);
    const raw = sizes.reduce((s, x) => s + x.raw, 0);
    return { ...b, gzip, raw, ok: b.maxGzip === null || gzip <= b.maxGzip };
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

function main(): void {
  const dir = resolve(import.meta.dirname, '../dist-widget');
  const results = checkBudgets(BUDGETS, (file) => {
    const path = resolve(dir, file);
    if (!existsSync(path)) throw new Error(`${path} missing: run \`npm run build:widget\``);
    const bytes = readFileSync(path);
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  for (const r of results) {
    const budget = r.maxGzip === null ? 'report only' : `budget ${kb(r.maxGzip)}`;
    console.log(`${r.ok ? 'ok  ' : 'OVER'} ${r.label}: ${kb(r.gzip)} gzip (${kb(r.raw)} raw), ${budget}`);
  }
  if (results.some((r) => !r.ok)) {
    console.error('widget bundle-size budget exceeded (see EMBEDDING.md, "Size")');
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
