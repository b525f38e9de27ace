import { Extractor, type ExtractInput, type LoadTimings, type StageTimes } from '../../src/engine/extract/extractor';
import { ReferenceMobileNetV2 } from '../../src/engine/extract/reference-net';
import { computeAttributes } from '../../src/features/attributes';
import { liveTensorCount } from '../../src/engine/memory';
import { isBackendName, type BackendReport } from '../../src/engine/backend/types';
import type { RgbaImage } from '../../src/features/contract';
import type { CatalogItem } from '../../src/core/catalog/schema';
import { runWindowed } from '../../src/shared/windowed';
import { createBrowserEngine } from '../../src/worker/browser-engine';
import { EXTRACT_IN_FLIGHT } from '../../src/worker/service';

/** Parameters of one harness run (from bench.html's query string). */
export interface HarnessParams {
  backend: string;
  /**
   * Comma-separated: grey128, checker16 (synthetic, in-page), fixture (a same-origin PNG) and
   * `photo:<file>` (a real photo of the generated demo catalog, /generated/catalog/images/<file>).
   */
  images: string[];
  /** Extraction rounds over the same images (leak check, warm timing). */
  repeat: number;
  /** Extractor batch size (1 = one image at a time, the naive baseline of the benchmark). */
  batch: number;
  /**
   * wasm threads: 0 (default) the single-threaded build, as the widget runs; n >= 1 the threaded build with an
   * n-thread pool, forced by reporting 2n cores because tfjs-backend-wasm uses half the reported cores.
   */
  threads: number;
  /**
   * Also time, after the rounds: the model alone on a ready input tensor (the ceiling of the pipeline), the
   * hand-built TF.js MobileNetV2 (ReferenceMobileNetV2) and the colour attributes on round 1's pixels.
   */
  raw: boolean;
  /**
   * The app's worker pipeline instead of the bare Extractor: the engine port the service uses (fetch, content
   * hash, decoding, resize and colour attributes in its second worker, embedding, projection), with the
   * service's items in flight. Only roundMs (and report, items) are filled.
   */
  app: boolean;
  /** With `app`: false prepares images on the engine's own thread (no second worker), for comparison. */
  prep: boolean;
  /** With `app`: items in flight (default the service's EXTRACT_IN_FLIGHT; 1 = one after another). */
  inFlight: number;
}

export interface HarnessItem {
  id: string;
  ok: boolean;
  error?: string;
  embedding?: number[];
}

export interface HarnessResult {
  status: 'done' | 'error';
  where: 'main' | 'worker';
  error?: string;
  report?: BackendReport;
  loadMs?: number;
  /** Wall time of each round, ms. */
  roundMs?: number[];
  /** Images/s of the last round (warm). */
  imagesPerSec?: number;
  /** Live tensors before the first round and after each round. */
  tensors?: number[];
  items?: HarnessItem[];
  /** Extractor.load's parts (model fetch, backend start-up, graph build, warm-up inference). */
  loadTimings?: LoadTimings;
  /** Pipeline stage times summed over the rounds after the first (all rounds if only one). */
  stages?: StageTimes;
  /** With `raw`: images/s of the model alone on a ready [batch, 224, 224, 3] tensor (median of runs). */
  rawImagesPerSec?: number;
  /** With `raw`: images/s of the hand-built TF.js MobileNetV2 on the same input shape. */
  referenceImagesPerSec?: number;
  /** With `raw`: ms per image of computeAttributes (the app's worker computes them in the same pass). */
  attributesMsPerImage?: number;
  /** Threads in tfjs-backend-wasm's pool (1 for the single-threaded build); absent on other backends. */
  wasmThreads?: number;
  isolated?: boolean;
}

export const FIXTURE_URL = '/fixtures/tiny/images/blue-shirt.png';
export const PHOTO_PREFIX = 'photo:';
/** Where set-up copies the demo catalog's real photos (public/generated, so also in dist/). */
export const PHOTO_FOLDER = '/generated/catalog/images/';

/** The synthetic inputs of reference_embeddings_synthetic.json, as RGBA pixels. */
function synthetic(kind: string): Uint8ClampedArray {
  const px = new Uint8ClampedArray(224 * 224 * 4);
  for (let y = 0; y < 224; y++) {
    for (let x = 0; x < 224; x++) {
      const v = kind === 'grey128' ? 128 : ((Math.floor(x / 16) + Math.floor(y / 16)) % 2) * 255;
      px.set([v, v, v, 255], (y * 224 + x) * 4);
    }
  }
  return px;
}

/** The model, the wasm binaries and whether threads may run: the same for the Extractor and the engine port. */
function engineAssets(params: HarnessParams) {
  const origin = globalThis.location.origin;
  return {
    modelUrl: `${origin}/generated/models/mobilenet-v2.tflite`,
    wasmPath: `${origin}/generated/tfjs-wasm/`,
    wasmThreads: params.threads > 0 && import.meta.env.GLIMPSE_WASM_THREADS === true && globalThis.crossOriginIsolated,
  };
}

/** The engine port the app's worker service extracts with, over the same photos, `repeat` rounds. */
async function runApp(params: HarnessParams, where: 'main' | 'worker'): Promise<HarnessResult> {
  const origin = globalThis.location.origin;
  const engine = createBrowserEngine({ ...engineAssets(params), ...(params.prep ? {} : { preparer: () => undefined }) });
  const items: CatalogItem[] = params.images.map((id) => ({
    id,
    title: id,
    category: 'photo',
    image: `${origin}${PHOTO_FOLDER}${encodeURIComponent(id.slice(PHOTO_PREFIX.length))}`,
    price: 0,
    currency: 'USD',
    tags: [],
    inStock: true,
  }));
  const signal = new AbortController().signal;
  const t0 = performance.now();
  // The first image loads the model (and the second worker): time it apart from the rounds.
  await engine.extract(items[0]!, signal);
  const loadMs = performance.now() - t0;
  const roundMs: number[] = [];
  let out: HarnessItem[] = [];
  for (let r = 0; r < params.repeat; r++) {
    if (r === 1) engine.takeStageTimes();
    const s = performance.now();
    const round: HarnessItem[] = new Array(items.length);
    await runWindowed(items.length, params.inFlight, async (i) => {
      const item = items[i]!;
      try {
        await engine.hashImage(item, signal);
        const f = await engine.extract(item, signal);
        round[i] = { id: item.id, ok: true, embedding: Array.from(f.embedding) };
      } catch (err) {
        round[i] = { id: item.id, ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    });
    roundMs.push(performance.now() - s);
    out = round;
  }
  const backend = engine.backend?.();
  const stages = engine.takeStageTimes();
  return {
    status: 'done',
    where,
    loadMs,
    roundMs,
    imagesPerSec: items.length / (roundMs.at(-1)! / 1000),
    items: out,
    ...(stages ? { stages } : {}),
    ...(backend ? { report: { requested: 'auto', chosen: backend.chosen, candidates: backend.candidates, fallbacks: [] } as BackendReport } : {}),
    isolated: globalThis.crossOriginIsolated,
  };
}

export async function runHarness(params: HarnessParams, where: 'main' | 'worker'): Promise<HarnessResult> {
  const origin = globalThis.location.origin;
  try {
    if (params.threads > 1) {
      Object.defineProperty(Object.getPrototypeOf(navigator) as object, 'hardwareConcurrency', { get: () => params.threads * 2 });
    }
    if (params.app) return await runApp(params, where);
    const t0 = performance.now();
    const assets = engineAssets(params);
    const extractor = await Extractor.load({
      model: { url: assets.modelUrl },
      backend: isBackendName(params.backend) ? params.backend : 'auto',
      wasmPath: assets.wasmPath,
      batchSize: params.batch,
      wasmThreads: assets.wasmThreads,
    });
    const loadMs = performance.now() - t0;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const inputs: ExtractInput[] = params.images.map((id) =>
      id === 'fixture'
        ? { id, url: `${origin}${FIXTURE_URL}` }
        : id.startsWith(PHOTO_PREFIX)
          ? { id, url: `${origin}${PHOTO_FOLDER}${encodeURIComponent(id.slice(PHOTO_PREFIX.length))}` }
          : { id, pixels: { data: synthetic(id), width: 224, height: 224 } },
    );
    const tensors = [liveTensorCount()];
    const roundMs: number[] = [];
    let items: HarnessItem[] = [];
    const pixels: RgbaImage[] = [];
    for (let r = 0; r < params.repeat; r++) {
      const s = performance.now();
      if (r === 1) extractor.takeStageTimes();
      const out = await extractor.extract(inputs, { onDecoded: (i, p) => (r === 0 && params.raw ? (pixels[i] = p) : undefined) });
      roundMs.push(performance.now() - s);
      tensors.push(liveTensorCount());
      items = out.map((o) => (o.ok ? { id: o.id, ok: true, embedding: Array.from(o.embedding) } : { id: o.id, ok: false, error: `${o.error.code}: ${o.error.message}` }));
    }
    const stages = extractor.takeStageTimes();
    let raw: Pick<HarnessResult, 'rawImagesPerSec' | 'referenceImagesPerSec' | 'attributesMsPerImage'> = {};
    if (params.raw) {
      // Interleaved, so both see the same machine load; 3 runs each of the batch the pipeline used.
      const reference = new ReferenceMobileNetV2();
      const ours: number[] = [],
        theirs: number[] = [];
      try {
        for (let k = 0; k < 3; k++) {
          ours.push(...(await extractor.timeInference(params.batch, 1)));
          theirs.push(...(await reference.time(params.batch, 1)));
        }
      } finally {
        reference.dispose();
      }
      const s = performance.now();
      for (const p of pixels) computeAttributes(p);
      raw = {
        rawImagesPerSec: params.batch / (median(ours) / 1000),
        referenceImagesPerSec: params.batch / (median(theirs) / 1000),
        ...(pixels.length ? { attributesMsPerImage: (performance.now() - s) / pixels.length } : {}),
      };
    }
    const report = extractor.backend;
    const wasmThreads = report.chosen === 'wasm' ? (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount() : undefined;
    extractor.dispose();
    return {
      status: 'done',
      where,
      report,
      loadMs,
      roundMs,
      imagesPerSec: inputs.length / (roundMs.at(-1)! / 1000),
      tensors,
      items,
      ...(wasmThreads !== undefined ? { wasmThreads } : {}),
      loadTimings: extractor.loadTimings,
      stages,
      ...raw,
      isolated: globalThis.crossOriginIsolated,
    };
  } catch (err) {
    return { status: 'error', where, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

export function paramsFromQuery(search: string): HarnessParams {
  const q = new URLSearchParams(search);
  return {
    backend: q.get('backend') ?? 'auto',
    images: (q.get('images') ?? 'grey128,checker16,fixture').split(',').filter(Boolean),
    repeat: Math.max(1, Number(q.get('repeat') ?? 1)),
    batch: Math.max(1, Number(q.get('batch') ?? 2)),
    threads: Math.max(0, Number(q.get('threads') ?? 0)),
    raw: q.get('raw') === '1',
    app: q.get('app') === '1',
    prep: q.get('prep') !== '0',
    inFlight: Math.max(1, Number(q.get('inflight') ?? EXTRACT_IN_FLIGHT)),
  };
}
