import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { HarnessResult } from '../bench/browser/run';

/**
 * Feature extraction in Chromium on each backend (projects webgpu / webgl / no-gpu, see
 * playwright.config.ts) through bench.html. GPU backends run on SwiftShader here (very slow for
 * MobileNetV2), so they get one image each.
 */
const assets = resolve(process.cwd(), process.env.GLIMPSE_ASSETS ?? '../shared/assets');
const reference = JSON.parse(
  readFileSync(resolve(assets, 'models/mobilenet-v2-imagenet/reference_embeddings_synthetic.json'), 'utf8'),
) as { models: Record<string, { outputs: Record<string, { vector: number[] }> }> };
const refVectors = Object.values(reference.models)[0]!.outputs;

/**
 * A real photo of the generated demo catalog (set-up copies it to public/generated, the build to dist/):
 * the browser decodes it with createImageBitmap, Node with sharp; both run the shared preprocessing.
 */
const photoDir = resolve(process.cwd(), 'public/generated/catalog/images');
const photoFile = readdirSync(photoDir).filter((f) => f.endsWith('.jpg')).sort()[0]!;
const PHOTO = `photo:${photoFile}`;
let nodePhoto: number[] | undefined;
/** The Node pipeline's embedding of the photo (child process, ~5 s, once per worker). */
function nodeEmbedding(): number[] {
  if (!nodePhoto) {
    const path = resolve(photoDir, photoFile);
    const out = execFileSync('npx', ['tsx', 'e2e/support/node-embed.ts', path], { encoding: 'utf8', timeout: 60_000 });
    nodePhoto = (JSON.parse(out) as Record<string, number[]>)[path]!;
  }
  return nodePhoto;
}

function cosine(a: number[], b: number[]): number {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return ab / Math.sqrt(aa * bb);
}

async function harness(page: Page, query: string, timeout = 110_000): Promise<HarnessResult> {
  await page.goto(`/bench.html?${query}`);
  await page.waitForFunction(() => window.__glimpseHarness !== undefined, undefined, { timeout });
  const result = (await page.evaluate(() => window.__glimpseHarness)) as HarnessResult;
  expect(result.error ?? '').toBe('');
  expect(result.status).toBe('done');
  return result;
}

const embedding = (r: HarnessResult, id: string): number[] => {
  const item = r.items!.find((i) => i.id === id)!;
  expect(item.error ?? '').toBe('');
  return item.embedding!;
};

test.describe('feature extraction backends', () => {
  test('auto picks wasm on this machine and records why the GPUs were rejected', async ({ page }, info) => {
    test.setTimeout(150_000);
    const r = await harness(page, 'backend=auto&images=checker16');
    const report = r.report!;
    expect(report.chosen).toBe('wasm');
    const byName = Object.fromEntries(report.candidates.map((c) => [c.name, c]));
    for (const c of report.candidates) expect(c.reason.length).toBeGreaterThan(5);
    if (info.project.name === 'webgpu') {
      expect(byName.webgpu!.status).toBe('software-renderer');
      expect(byName.webgpu!.reason).toMatch(/SwiftShader/);
    }
    if (info.project.name === 'webgl' || info.project.name === 'webgpu') {
      expect(byName.webgl!.status).toBe('software-renderer');
      expect(byName.webgl!.reason).toMatch(/SwiftShader/);
    }
    if (info.project.name === 'no-gpu') {
      // --disable-gpu still leaves a SwiftShader WebGL in headless Chromium: rejected either way.
      expect(['not-available', 'init-failed']).toContain(byName.webgpu!.status);
      expect(['not-available', 'init-failed', 'software-renderer']).toContain(byName.webgl!.status);
    }
    // Measured survivors: wasm beat cpu on the micro-benchmark.
    expect(byName.cpu!.status).toBe('slower');
    expect(byName.wasm!.msPerOp!).toBeLessThan(byName.cpu!.msPerOp!);
    // Browser numbers match the Node/reference implementation.
    expect(cosine(embedding(r, 'checker16'), refVectors['checker16']!.vector)).toBeGreaterThanOrEqual(0.999);
  });

  test('the project GPU backend extracts and agrees with wasm (or falls back with reasons)', async ({ page }, info) => {
    test.setTimeout(240_000);
    const gpu = info.project.name === 'webgl' ? 'webgl' : 'webgpu';
    // The real photo runs on webgl (and wasm in no-gpu), not on webgpu: SwiftShader WebGPU manages 0.05-0.4
    // img/s here, and a second image pushed that project past the CI timeout on a loaded machine.
    // batch=1 reuses the warm-up's shapes: a batch of 2 would compile every shader again on SwiftShader.
    const withPhoto = gpu === 'webgl' || info.project.name === 'no-gpu';
    const images = withPhoto ? `checker16,${PHOTO}` : 'checker16';
    const wasm = await harness(page, `backend=wasm&images=${images}&batch=1`);
    const r = await harness(page, `backend=${gpu}&images=${images}&batch=1`, 220_000);
    if (info.project.name === 'no-gpu') {
      expect(r.report!.chosen).toBe('wasm');
      expect(r.report!.candidates[0]).toMatchObject({ name: 'webgpu' });
      expect(['not-available', 'init-failed']).toContain(r.report!.candidates[0]!.status);
    } else {
      expect(r.report!.chosen).toBe(gpu);
      expect(r.report!.candidates[0]!.reason).toMatch(/explicitly requested/);
    }
    expect(cosine(embedding(r, 'checker16'), embedding(wasm, 'checker16'))).toBeGreaterThanOrEqual(0.999);
    expect(cosine(embedding(r, 'checker16'), refVectors['checker16']!.vector)).toBeGreaterThanOrEqual(0.999);
    if (!withPhoto) return;
    // A real catalog photo: this backend agrees with wasm in the browser and with the Node pipeline.
    expect(cosine(embedding(r, PHOTO), embedding(wasm, PHOTO))).toBeGreaterThanOrEqual(0.999);
    const gpuVsNode = cosine(embedding(r, PHOTO), nodeEmbedding());
    test.info().annotations.push({ type: `cosine browser ${r.report!.chosen} vs node`, description: `${photoFile}: ${gpuVsNode.toFixed(6)}` });
    expect(gpuVsNode).toBeGreaterThanOrEqual(0.999);
  });

  test('wasm: reference parity, a real catalog photo as in Node, no tensor leak over repeated extraction', async ({ page }) => {
    const r = await harness(page, `backend=wasm&images=grey128,checker16,fixture,${PHOTO}&repeat=3`);
    expect(r.report!.chosen).toBe('wasm');
    for (const id of ['grey128', 'checker16'] as const) {
      const got = embedding(r, id);
      const want = refVectors[id]!.vector;
      expect(cosine(got, want)).toBeGreaterThanOrEqual(0.9999);
      expect(Math.max(...got.map((v, i) => Math.abs(v - want[i]!)))).toBeLessThan(1e-3);
    }
    expect(embedding(r, 'fixture')).toHaveLength(1280);
    // Browser (createImageBitmap) and Node (sharp) decode the same JPEG and share the preprocessing code.
    const browserVsNode = cosine(embedding(r, PHOTO), nodeEmbedding());
    test.info().annotations.push({ type: 'cosine browser wasm vs node', description: `${photoFile}: ${browserVsNode.toFixed(6)}` });
    expect(browserVsNode).toBeGreaterThanOrEqual(0.999);
    const [before, ...after] = r.tensors!;
    expect(after).toEqual(after.map(() => before));
  });

  test('a Web Worker gives the same numbers as wasm on the main thread', async ({ page }, info) => {
    test.skip(info.project.name !== 'no-gpu', 'one project is enough for the worker path');
    test.setTimeout(240_000);
    const main = await harness(page, 'backend=wasm&images=fixture');
    const worker = await harness(page, 'backend=wasm&images=fixture&worker=1');
    expect(worker.where).toBe('worker');
    expect(cosine(embedding(worker, 'fixture'), embedding(main, 'fixture'))).toBeGreaterThanOrEqual(0.9999);
    // No cpu leg: on a clean CI clone the cpu backend did not finish load + one image within 90 s in headless
    // Chromium (12-20 s in other runs here). cpu parity is covered in Node (src/engine tests); the cause is open.
  });

  test("the app's engine with its second (prep) worker gives exactly what preparing on the engine's thread gives", async ({ page }, info) => {
    test.skip(info.project.name !== 'no-gpu', 'one project is enough for the app pipeline');
    test.setTimeout(240_000);
    const photos = readdirSync(photoDir).filter((f) => f.endsWith('.jpg')).sort().slice(0, 3).map((f) => `photo:${f}`);
    const query = `backend=wasm&images=${photos.join(',')}&worker=1&app=1`;
    const split = await harness(page, query);
    const inline = await harness(page, `${query}&prep=0`);
    expect(split.items!.map((i) => i.ok)).toEqual([true, true, true]);
    for (const id of photos) expect(embedding(split, id)).toEqual(embedding(inline, id));
  });

  test('threaded wasm (2 threads, in a Worker, under the CSP) runs its pool and matches single-threaded wasm', async ({ page }, info) => {
    test.skip(info.project.name !== 'no-gpu', 'one project is enough for the threaded build');
    test.setTimeout(240_000);
    const one = await harness(page, 'backend=wasm&images=checker16&worker=1');
    const two = await harness(page, 'backend=wasm&images=checker16&worker=1&threads=2');
    expect(two.isolated).toBe(true);
    expect(one.wasmThreads).toBe(1);
    // Without scripts/vite/tfjs-wasm-threads.ts the pthread workers die and this never resolves.
    expect(two.wasmThreads).toBe(2);
    expect(cosine(embedding(two, 'checker16'), embedding(one, 'checker16'))).toBeGreaterThanOrEqual(0.9999);
  });
});
