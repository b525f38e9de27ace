import type { Extractor, StageTimes } from '../engine/extract/extractor';
import { MOBILENET_EXTRACTOR } from '../engine/extract/mobilenet-info';
import type { ExtractorInfo, ImageAttributes } from '../features/contract';
import { projectEmbedding, spaceFromMeta, type EmbeddingSpace } from '../features/embedding-space';
import { centerAndNormalize } from '../features/embedding-post';
import { sha256Hex } from '../features/sha256';
import type { ImagePreparer } from '../engine/extract/prepare';
import type { EnginePort } from './ports';
import { createWorkerPreparer } from './prep-client';

export interface BrowserEngineOptions {
  /** Same-origin URL of the MobileNetV2 .tflite (copied by `npm run setup`). */
  modelUrl: string;
  /** Same-origin folder with the tfjs-backend-wasm binaries (scripts/setup/wasm.ts). */
  wasmPath: string;
  /** Allow threaded wasm (only in bundles built with scripts/vite/tfjs-wasm-threads.ts). */
  wasmThreads?: boolean;
  fetch?: (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;
  now?: () => number;
  /**
   * Where images are decoded, resized and their attributes computed; default a second Web Worker (so this
   * worker only runs the model; createWorkerPreparer falls back to this thread where none can start).
   * Returning undefined prepares on the Extractor's own thread (the benchmark's comparison).
   */
  preparer?: () => ImagePreparer | undefined;
}

/** Image bytes kept between hashImage and extract: more than the service's items in flight (EXTRACT_IN_FLIGHT). */
const KEPT_IMAGES = 8;

/**
 * After the model failed to load, calls within this window fail at once with the same error: a catalog's
 * items would otherwise each refetch the model and re-run backend selection, one after another.
 */
export const MODEL_RETRY_AFTER_MS = 30_000;

const same = (a: ExtractorInfo, b: ExtractorInfo) => a.id === b.id && a.version === b.version && a.dims === b.dims;

/** The engine port plus the extractor's stage times since the last call (for the benchmark's breakdown). */
export type BrowserEngine = EnginePort & { takeStageTimes(): StageTimes | undefined };

/**
 * The EnginePort over the TF.js Extractor (wasm backend in the worker; threaded where the bundle and the page allow it). The model loads on
 * the first extraction, not at start, so a catalog with a precomputed feature file never pays for it.
 * Vectors are L2-normalised raw embeddings until a feature file's space (catalog mean + PCA) is adopted;
 * then new images are projected into that space so they mix with the file's vectors.
 */
export function createBrowserEngine(options: BrowserEngineOptions): BrowserEngine {
  const fetcher = options.fetch ?? ((url: string, init?: { signal?: AbortSignal }) => globalThis.fetch(url, init));
  let space: EmbeddingSpace | undefined;
  let info: ExtractorInfo = MOBILENET_EXTRACTOR;
  let loading: Promise<Extractor> | undefined;
  let loaded: Extractor | undefined;
  // hashImage then extract ask for the same image: keep the bytes to fetch once.
  const kept = new Map<string, Uint8Array>();

  const now = options.now ?? (() => Date.now());
  let failed: { error: unknown; at: number } | undefined;
  // One preparer (one prep worker) for the engine's life, also across model-load retries.
  let prep: { preparer?: ImagePreparer } | undefined;
  const preparer = () => {
    if (!prep) {
      const p = options.preparer ? options.preparer() : createWorkerPreparer();
      prep = p ? { preparer: p } : {};
    }
    return prep;
  };

  const extractor = (): Promise<Extractor> => {
    if (failed && now() - failed.at < MODEL_RETRY_AFTER_MS) return Promise.reject(failed.error);
    // 'auto': every backend is probed and timed on this device; software GPUs (SwiftShader) lose to wasm.
    // TF.js loads with the first image to extract, not with the worker: a repeat visit (features cached) or a
    // catalog with a feature file never parses it before its first recommendations.
    return (loading ??= import('../engine/extract/extractor').then(({ Extractor }) => Extractor.load({
      model: { url: options.modelUrl },
      ...preparer(),
      backend: 'auto',
      wasmPath: options.wasmPath,
      fetch: (url) => fetcher(url),
      ...(options.wasmThreads ? { wasmThreads: true } : {}),
    })).then(
      (ex) => (loaded = ex),
      (e: unknown) => {
        loading = undefined; // a later call may retry (e.g. after a network blip), once the window has passed
        failed = { error: e, at: now() };
        throw e;
      },
    ));
  };

  async function bytesOf(url: string, signal: AbortSignal): Promise<Uint8Array> {
    const hit = kept.get(url);
    if (hit) return hit;
    const res = await fetcher(url, { signal });
    if (!res.ok) throw new Error(`Could not fetch ${url}: HTTP ${res.status}.`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    kept.set(url, bytes);
    if (kept.size > KEPT_IMAGES) kept.delete(kept.keys().next().value!);
    return bytes;
  }

  async function featuresOf(id: string, bytes: Uint8Array, signal: AbortSignal) {
    const ex = await extractor();
    const [r] = await ex.extract([{ id, bytes }], { signal, attributes: true });
    if (!r || !r.ok) throw new Error(r ? r.error.message : 'No result from the extractor.');
    const attributes: ImageAttributes | undefined = r.attributes;
    if (!attributes) throw new Error('The image was embedded but its attributes could not be computed.');
    const embedding = space ? projectEmbedding(space, r.embedding) : centerAndNormalize(r.embedding, null);
    return { embedding, attributes };
  }

  return {
    get extractor() {
      return info;
    },
    backend() {
      if (!loaded) return undefined;
      const report = loaded.backend;
      return {
        chosen: report.chosen,
        candidates: report.candidates.map((c) => ({
          name: c.name,
          status: c.status,
          reason: c.reason,
          ...(c.msPerOp !== undefined ? { msPerOp: c.msPerOp } : {}),
        })),
      };
    },
    async hashImage(item, signal) {
      return sha256Hex(await bytesOf(item.image, signal));
    },
    async extract(item, signal) {
      const bytes = await bytesOf(item.image, signal);
      kept.delete(item.image);
      return { itemId: item.id, ...(await featuresOf(item.id, bytes, signal)) };
    },
    extractBytes: (bytes, signal) => featuresOf('photo', bytes, signal),
    takeStageTimes: () => loaded?.takeStageTimes(),
    useSpace(meta, fileInfo) {
      try {
        const s = spaceFromMeta(meta);
        if (!same(s.base, MOBILENET_EXTRACTOR) || !same(s.info, fileInfo)) return false;
        space = s;
        info = s.info;
        return true;
      } catch {
        return false;
      }
    },
  };
}
