/**
 * Bundle-size budget of the embeddable widget (run by `npm run build:widget`, so by `npm test` too).
 * Reports gzipped sizes of what a partner page downloads, cumulatively: the element alone (all a page pays
 * before an element connects), + the engine worker (enough with a feature file from `npm run features`, with
 * every vector cached, or when the model cannot load), + TF.js on the wasm backend (the vision module, TF.js core and the wasm backend's
 * JS and SIMD binary: what this class of device fetches), + the MobileNetV2 model. The GPU backends' chunks
 * (fetched instead of wasm only on a device where they win the measurement) are reported.
 * Exits 1 when a budget is exceeded. Budgets are documented in EMBEDDING.md: change both together.
 *
 * File specs: a path relative to dist-widget/, `*` matches hashed chunk names, and a trailing `...` adds
 * everything the file imports statically (the chunks the browser fetches with it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Budget {
  label: string;
  files: string[];
  /** Gzipped bytes allowed; null = reported only. */
  maxGzip: number | null;
}

const KiB = 1024;
const ELEMENT = ['glimpse-recs.js'];
const WORKER = [...ELEMENT, 'glimpse-engine-worker.js'];
const TFJS_WASM = [...WORKER, 'glimpse-vision.js...', 'vision/tfjs-backend-wasm-*.js...', 'engine/tfjs-backend-wasm-simd.wasm'];

export const BUDGETS: Budget[] = [
  { label: 'element, ES module (UI + worker client; no engine, no TF.js)', files: ELEMENT, maxGzip: 12 * KiB },
  { label: 'element, classic script', files: ['glimpse-recs.iife.js'], maxGzip: 12 * KiB },
  { label: 'engine worker alone (catalog validation, attributes, storage, ranking; no TF.js)', files: ['glimpse-engine-worker.js'], maxGzip: 80 * KiB },
  { label: 'WITHOUT TF.js: element + engine worker (a feature file, cached vectors or attributes only: no model)', files: WORKER, maxGzip: 96 * KiB },
  // TF.js core lands in the cpu-backend chunk (rolldown groups a package with what it imports); every backend needs it.
  { label: 'vision module alone (src/engine extractor + TF.js core and cpu kernels)', files: ['glimpse-vision.js...'], maxGzip: 120 * KiB },
  { label: 'WITH TF.js: element + worker + TF.js on wasm (vision module, wasm backend JS + SIMD binary)', files: TFJS_WASM, maxGzip: 360 * KiB },
  { label: 'everything on first use: element + worker + TF.js wasm + MobileNetV2 model', files: [...TFJS_WASM, 'engine/mobilenet-v2.tflite'], maxGzip: 3800 * KiB },
  // Fetched instead of the wasm backend only where a real GPU wins the measurement.
  { label: 'TF.js wasm backend JS + SIMD binary (the backend this class of device measures fastest)', files: ['vision/tfjs-backend-wasm-*.js', 'engine/tfjs-backend-wasm-simd.wasm'], maxGzip: null },
  { label: 'TF.js webgl backend JS (instead of wasm, where a real GPU wins)', files: ['vision/tfjs-backend-webgl-*.js'], maxGzip: null },
  { label: 'TF.js webgpu backend JS (instead of wasm, where a real GPU wins)', files: ['vision/tfjs-backend-webgpu-*.js'], maxGzip: null },
];

/** Relative specifiers a minified ES chunk imports statically (`import"./x.js"`, `from"./x.js"`; not import()). */
export function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
}

/**
 * Turns file specs into the de-duplicated list of files (relative to the output folder): globs against
 * `files`, and `...` follows static imports through `importsOf` (paths relative to the importing file).
 */
export function expandFiles(specs: readonly string[], files: readonly string[], importsOf: (file: string) => string[]): string[] {
  const out = new Set<string>();
  const visit = (file: string, follow: boolean) => {
    if (out.has(file)) return;
    out.add(file);
    if (!follow) return;
    for (const spec of importsOf(file)) {
      const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
      visit(new URL(spec, `http://x/${dir}`).pathname.slice(1), true);
    }
  };
  for (const raw of specs) {
    const follow = raw.endsWith('...');
    const spec = follow ? raw.slice(0, -3) : raw;
    if (!spec.includes('*')) {
      visit(spec, follow);
      continue;
    }
    const re = new RegExp(`^${spec.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
    const hits = files.filter((f) => re.test(f));
    if (hits.length !== 1) throw new Error(`${spec} matches ${hits.length} files (expected 1): rebuild with \`npm run build:widget\``);
    visit(hits[0], follow);
  }
  return [...out];
}

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
  if (!existsSync(dir)) throw new Error(`${dir} missing: run \`npm run build:widget\``);
  const all = (readdirSync(dir, { recursive: true }) as string[]).map((f) => relative(dir, resolve(dir, f)).split('\\').join('/'));
  const importsOf = (file: string) => (file.endsWith('.js') ? staticImports(readFileSync(resolve(dir, file), 'utf8')) : []);
  const budgets = BUDGETS.map((b) => ({ ...b, files: expandFiles(b.files, all, importsOf) }));
  const results = checkBudgets(budgets, (file) => {
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
