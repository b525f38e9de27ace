import * as tf from '@tensorflow/tfjs-core';
import type { ImageAttributes, RgbaImage } from '../../features/contract';
import { checkImageBytes, DEFAULT_IMAGE_LIMITS, ImageError, toImageError, type ImageErrorCode, type ImageLimits } from '../../features/image-check';
import type { BackendEnv } from '../backend/probe';
import { fallBackFrom, selectBackend } from '../backend/select';
import type { BackendName, BackendReport } from '../backend/types';
import { TfliteGraphModel } from '../tflite/graph';
import { parseTflite } from '../tflite/parse';
import { createBrowserDecoder, type ImageDecoder } from './decode';
import { MOBILENET_EXTRACTOR } from './mobilenet-info';
import { attributesOf, toModelImage, type ImagePreparer, type ModelImage, type PreparedImage } from './prepare';
import { modelBatch } from './preprocess';
import { timeModel } from './time-model';

/** Bump `version` whenever the numbers change (model, preprocessing, tap): cached vectors re-extract. */
export { MOBILENET_EXTRACTOR };

/** The global-average-pool tensor of tf2_mobilenet_v2_1.0_224_ptq.tflite (1280-d). */
export const MOBILENET_TAP_TENSOR =
  'MobileNetV2/top/Reshape/Reshape;StatefulPartitionedCall/MobileNetV2/top/Reshape/Reshape;' +
  'MobileNetV2/top/GlobalPool/Mean/reduction_indices;StatefulPartitionedCall/MobileNetV2/top/GlobalPool/Mean/reduction_indices;' +
  'MobileNetV2/top/GlobalPool/Mean;StatefulPartitionedCall/MobileNetV2/top/GlobalPool/Mean;' +
  'MobileNetV2/top/Reshape/Reshape/shape;StatefulPartitionedCall/MobileNetV2/top/Reshape/Reshape/shape1';

export type ExtractInput =
  | { id: string; bytes: Uint8Array }
  | { id: string; pixels: RgbaImage }
  | { id: string; url: string };

export interface ItemError {
  code: ImageErrorCode;
  message: string;
}

/** One result per input, in input order; failures never stop the batch. */
export type ExtractItem =
  | { id: string; ok: true; embedding: Float32Array; attributes?: ImageAttributes }
  | { id: string; ok: false; error: ItemError };

export interface ExtractProgress {
  done: number;
  total: number;
  failed: number;
  backend: BackendName;
}

export interface ExtractOptions {
  onProgress?: (p: ExtractProgress) => void;
  signal?: AbortSignal;
  /**
   * Also compute each image's colour, texture and shape attributes from the same decoded pixels (where the
   * decoding happens: off this thread with a `preparer`). An image whose attributes fail keeps its embedding.
   */
  attributes?: boolean;
  /** Sees each successfully decoded image once, when this thread decodes (not with a `preparer`). */
  onDecoded?: (index: number, pixels: RgbaImage) => void;
}

export interface ExtractorLoadOptions {
  /** The .tflite bytes, or a (same-origin) URL to fetch them from. */
  model: Uint8Array | { url: string };
  /** 'auto' (default) or the user's choice; `false` keeps whatever backend is active (tests, CLIs). */
  backend?: BackendName | 'auto' | false;
  candidates?: readonly BackendName[];
  /** Same-origin folder with the tfjs-backend-wasm binaries (browser). */
  wasmPath?: string;
  /** Allow threaded wasm (see RuntimeEnvOptions.wasmThreads); default single-threaded. */
  wasmThreads?: boolean;
  /** Decoder for `bytes`/`url` inputs; default: createImageBitmap + OffscreenCanvas. */
  decoder?: ImageDecoder;
  /**
   * Decodes, resizes and computes attributes elsewhere (a second worker), so this thread only runs the model;
   * `decoder` and `onDecoded` are then unused for encoded inputs.
   */
  preparer?: ImagePreparer;
  /** Used for `url` model and inputs; default globalThis.fetch. */
  fetch?: (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;
  batchSize?: number;
  limits?: ImageLimits;
  /** Injected backend runtime (tests). */
  backendEnv?: BackendEnv;
}

/** Where Extractor.load spent its time (ms): the model download, backend start-up, graph build, first inference. */
export interface LoadTimings {
  fetchMs: number;
  backendMs: number;
  /** Parse the .tflite, dequantise, create the weight tensors. */
  buildMs: number;
  /** One batch-1 inference (XNNPACK packs the weights, GPU backends compile shaders). */
  warmUpMs: number;
}

/**
 * Cumulative time per pipeline stage since the last reset (ms), for the benchmark's breakdown. decodeMs is
 * the wait for decoded pixels on the extraction path: decoding runs one batch ahead of inference, so with
 * an off-thread decoder (createImageBitmap, sharp) most of it overlaps the previous batch's inference.
 */
export interface StageTimes {
  images: number;
  decodeMs: number;
  /** Attributes and the caller's onDecoded, on this thread (none with a preparer). */
  onDecodedMs: number;
  /** Resize (on this thread unless a preparer did it) and normalise to the model input tensor. */
  preprocessMs: number;
  /** Graph execution and the read-back of the embeddings. */
  inferMs: number;
}

const noStages = (): StageTimes => ({ images: 0, decodeMs: 0, onDecodedMs: 0, preprocessMs: 0, inferMs: 0 });

type Decoded = { index: number; prepared: PreparedImage } | { index: number; error: ImageError };

export class ExtractorLoadError extends Error {
  override name = 'ExtractorLoadError';
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const err = new Error('Extraction was cancelled.');
  err.name = 'AbortError';
  return err;
}

/**
 * MobileNetV2 feature extractor: raw 1280-d global-pool embeddings (catalog post-processing, i.e. mean
 * subtraction, L2 and PCA, is in src/features). Usable on the main thread or in a Web Worker.
 */
export class Extractor {
  readonly info = MOBILENET_EXTRACTOR;
  private lostReason: string | null = null;
  private disposed = false;
  private stages = noStages();
  /** A backend switch in progress: concurrent extract() calls wait for it instead of switching twice. */
  private switching: Promise<void> | undefined;
  /** Filled by load(). */
  loadTimings: LoadTimings = { fetchMs: 0, backendMs: 0, buildMs: 0, warmUpMs: 0 };

  private constructor(
    private model: TfliteGraphModel,
    private report: BackendReport,
    private readonly modelBytes: Uint8Array,
    private readonly options: ExtractorLoadOptions,
  ) {
    this.watchDevice();
  }

  static async load(options: ExtractorLoadOptions): Promise<Extractor> {
    const fetcher = options.fetch ?? ((url: string) => globalThis.fetch(url));
    let t0 = performance.now();
    let bytes: Uint8Array;
    if (options.model instanceof Uint8Array) bytes = options.model;
    else {
      const res = await fetcher(options.model.url).catch((err: unknown) => {
        throw new ExtractorLoadError(`Could not fetch the model from ${options.model instanceof Uint8Array ? '' : options.model.url}: ${String(err)}`);
      });
      if (!res.ok) throw new ExtractorLoadError(`Could not fetch the model: HTTP ${res.status}.`);
      bytes = new Uint8Array(await res.arrayBuffer());
    }
    const fetchMs = performance.now() - t0;
    t0 = performance.now();
    // Parse before touching any backend: a wrong file (an HTML page served for a missing model) must not
    // initialise wasm (eight pthread workers each time) or probe GPUs on every retry.
    let parsed: ReturnType<typeof parseTflite>;
    try {
      parsed = parseTflite(bytes);
    } catch (err) {
      const from = options.model instanceof Uint8Array ? 'The model bytes' : `The model at ${options.model.url}`;
      throw new ExtractorLoadError(`${from} cannot be used: ${err instanceof Error ? err.message : String(err)}`);
    }
    const parseMs = performance.now() - t0;
    t0 = performance.now();
    let report: BackendReport;
    if (options.backend === false) {
      const name = tf.getBackend() as BackendName;
      report = { requested: name, chosen: name, candidates: [{ name, status: 'chosen', reason: 'set by the caller' }], fallbacks: [] };
    } else {
      report = await selectBackend({
        preferred: options.backend ?? 'auto',
        ...(options.candidates ? { candidates: options.candidates } : {}),
        ...(options.wasmPath ? { wasmPath: options.wasmPath } : {}),
        ...(options.wasmThreads ? { wasmThreads: true } : {}),
        ...(options.backendEnv ? { env: options.backendEnv } : {}),
      });
    }
    const backendMs = performance.now() - t0;
    t0 = performance.now();
    const model = TfliteGraphModel.fromParsed(parsed, { tapTensorName: MOBILENET_TAP_TENSOR });
    const buildMs = parseMs + performance.now() - t0;
    const extractor = new Extractor(model, report, bytes, options);
    t0 = performance.now();
    await extractor.warmUp();
    extractor.loadTimings = { fetchMs, backendMs, buildMs, warmUpMs: performance.now() - t0 };
    return extractor;
  }

  /** Which backend runs, and why the others were not chosen. */
  get backend(): BackendReport {
    return this.report;
  }

  /** Raw embeddings of decoded images, one Float32Array (1280) per image, in order. */
  async embedPixels(images: readonly RgbaImage[]): Promise<Float32Array[]> {
    const t0 = performance.now();
    const ready = images.map((p) => toModelImage(p));
    this.stages.preprocessMs += performance.now() - t0;
    return this.embed(ready);
  }

  private async embed(images: readonly ModelImage[]): Promise<Float32Array[]> {
    if (this.disposed) throw new Error('Extractor used after dispose().');
    if (images.length === 0) return [];
    let t0 = performance.now();
    const input = modelBatch(images);
    this.stages.preprocessMs += performance.now() - t0;
    t0 = performance.now();
    let out: tf.Tensor;
    try {
      out = tf.tidy(() => tf.reshape(this.model.predict(input), [images.length, this.info.dims]));
    } finally {
      input.dispose();
    }
    try {
      // Asynchronous read: GPU backends would otherwise stall (webgpu warns on dataSync).
      const flat = (await out.data()) as Float32Array;
      this.stages.inferMs += performance.now() - t0;
      this.stages.images += images.length;
      return images.map((_, i) => flat.slice(i * this.info.dims, (i + 1) * this.info.dims));
    } finally {
      out.dispose();
    }
  }

  /** Stage times accumulated since the last call (then reset). */
  takeStageTimes(): StageTimes {
    const s = this.stages;
    this.stages = noStages();
    return s;
  }

  /**
   * Ms per run of the model alone on a ready [batch, 224, 224, 3] input, `reps` runs after one untimed run:
   * the ceiling of the pipeline (no decoding or preprocessing), for the benchmark.
   */
  async timeInference(batch: number, reps: number): Promise<number[]> {
    return timeModel((x) => this.model.predict(x), batch, reps);
  }

  /**
   * Decodes, checks and embeds each input; a bad item yields `{ ok: false, error }` and the rest go on.
   * Honors `signal` between batches (rejects with an AbortError) and reports progress after each batch.
   * If the backend fails at run time (e.g. lost GPU device) it falls back to the next candidate, records
   * why in `backend.fallbacks`, and retries the batch.
   */
  async extract(inputs: readonly ExtractInput[], options: ExtractOptions = {}): Promise<ExtractItem[]> {
    const batchSize = Math.max(1, this.options.batchSize ?? 4);
    const results: ExtractItem[] = new Array(inputs.length);
    let failed = 0;
    // Decoding runs one batch ahead: the browser's createImageBitmap and Node's sharp decode off this
    // thread, so the next batch decodes while this one runs through the model.
    let ahead: Promise<Decoded[]> | undefined = inputs.length ? this.decodeBatch(inputs, 0, batchSize, options) : undefined;
    for (let start = 0; start < inputs.length; start += batchSize) {
      if (options.signal?.aborted) throw abortError(options.signal);
      const t0 = performance.now();
      const decoded = await ahead!;
      this.stages.decodeMs += performance.now() - t0;
      const next = start + batchSize;
      ahead = next < inputs.length && !options.signal?.aborted ? this.decodeBatch(inputs, next, batchSize, options) : undefined;
      const ok: { index: number; prepared: PreparedImage }[] = [];
      for (const d of decoded) {
        if ('prepared' in d) ok.push(d);
        else {
          failed++;
          results[d.index] = { id: inputs[d.index]!.id, ok: false, error: { code: d.error.code, message: d.error.message } };
        }
      }
      if (options.signal?.aborted) throw abortError(options.signal);
      if (ok.length) {
        const rows = await this.embedWithFallback(ok.map((d) => d.prepared.image));
        ok.forEach((d, k) => {
          const { attributes } = d.prepared;
          results[d.index] = { id: inputs[d.index]!.id, ok: true, embedding: rows[k]!, ...(attributes ? { attributes } : {}) };
        });
      }
      options.onProgress?.({ done: Math.min(next, inputs.length), total: inputs.length, failed, backend: this.report.chosen });
      // Let the event loop breathe (progress messages, abort signals) between batches; not after the last:
      // the app extracts one image per call, and a timer there would idle the model thread every image.
      if (next < inputs.length) await new Promise((r) => setTimeout(r, 0));
    }
    return results;
  }

  /**
   * Prepares inputs[start, start + size); never rejects (a bad item becomes its error). A preparer gets the
   * whole batch at once so it always has work queued; this thread decodes one image after another.
   */
  private async decodeBatch(inputs: readonly ExtractInput[], start: number, size: number, options: ExtractOptions): Promise<Decoded[]> {
    const one = (index: number): Promise<Decoded> =>
      this.prepare(inputs[index]!, index, options).then(
        (prepared) => ({ index, prepared }),
        (err: unknown) => ({ index, error: toImageError(err) }),
      );
    const indices = Array.from({ length: Math.max(0, Math.min(start + size, inputs.length) - start) }, (_, k) => start + k);
    if (this.options.preparer) return Promise.all(indices.map(one));
    const out: Decoded[] = [];
    for (const index of indices) out.push(await one(index));
    return out;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
  }

  private async prepare(input: ExtractInput, index: number, options: ExtractOptions): Promise<PreparedImage> {
    const limits = this.options.limits ?? DEFAULT_IMAGE_LIMITS;
    const attributes = options.attributes === true;
    if ('pixels' in input) return this.prepareHere(this.checkPixels(input.pixels, limits), index, options);
    const bytes = 'url' in input ? await this.fetchImage(input.url) : input.bytes;
    if (this.options.preparer) return this.options.preparer.prepare(bytes, limits, attributes);
    checkImageBytes(bytes, limits);
    const pixels = await (this.options.decoder ?? createBrowserDecoder()).decode(bytes, limits);
    return this.prepareHere(pixels, index, options);
  }

  /** Attributes, onDecoded and the resize on this thread, each timed into its stage. */
  private prepareHere(pixels: RgbaImage, index: number, options: ExtractOptions): PreparedImage {
    let t0 = performance.now();
    options.onDecoded?.(index, pixels);
    const attributes = options.attributes ? attributesOf(pixels) : undefined;
    this.stages.onDecodedMs += performance.now() - t0;
    t0 = performance.now();
    const image = toModelImage(pixels);
    this.stages.preprocessMs += performance.now() - t0;
    return attributes ? { image, attributes } : { image };
  }

  private checkPixels(pixels: RgbaImage, limits: ImageLimits): RgbaImage {
    const { width, height, data } = pixels;
    if (width === 0 || height === 0) throw new ImageError('zero-size', `The image has zero size (${width}x${height}).`);
    if (width >= limits.maxSide || height >= limits.maxSide || width * height > limits.maxPixels) {
      throw new ImageError('too-large', `The image is too large (${width}x${height}).`);
    }
    if (data.length !== width * height * 4) {
      throw new ImageError('decode-failed', `Pixel buffer has ${data.length} bytes, expected ${width * height * 4} (RGBA).`);
    }
    return pixels;
  }

  private async fetchImage(url: string): Promise<Uint8Array> {
    const fetcher = this.options.fetch ?? ((u: string) => globalThis.fetch(u));
    let res: Awaited<ReturnType<typeof fetcher>>;
    try {
      res = await fetcher(url);
    } catch (err) {
      throw new ImageError('fetch-failed', `Fetching ${url} failed (network or CORS): ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!res.ok) throw new ImageError('fetch-failed', `Fetching ${url} failed: HTTP ${res.status}.`);
    return new Uint8Array(await res.arrayBuffer());
  }

  private async embedWithFallback(images: ModelImage[]): Promise<Float32Array[]> {
    for (;;) {
      await this.switching;
      const failedBackend = this.report.chosen;
      let reason: string;
      if (this.lostReason) reason = this.lostReason;
      else {
        try {
          return await this.embed(images);
        } catch (err) {
          if (err instanceof ImageError) throw err;
          reason = `inference failed on ${failedBackend}: ${err instanceof Error ? err.message : String(err)}`;
        }
      }
      // Concurrent extract() calls that fail together switch once; the others retry on the new backend.
      if (this.report.chosen === failedBackend) {
        this.switching ??= this.switchFrom(failedBackend, reason).finally(() => (this.switching = undefined));
      }
    }
  }

  /** Falls back to the next candidate backend and rebuilds the model there; throws NoBackendError when none is left. */
  private async switchFrom(failedBackend: BackendName, reason: string): Promise<void> {
    this.report = await fallBackFrom(this.report, failedBackend, reason, {
      ...(this.options.backendEnv ? { env: this.options.backendEnv } : {}),
      ...(this.options.wasmPath ? { wasmPath: this.options.wasmPath } : {}),
      ...(this.options.wasmThreads ? { wasmThreads: true } : {}),
    });
    this.lostReason = null;
    try {
      this.model.dispose();
    } catch {
      // The old backend may be gone with its memory; nothing more to release.
    }
    this.model = TfliteGraphModel.fromBytes(this.modelBytes, { tapTensorName: MOBILENET_TAP_TENSOR });
    this.watchDevice();
  }

  /** WebGPU reports a lost device asynchronously: remember it and fall back before the next batch. */
  private watchDevice(): void {
    const device = (tf.backend() as { device?: { lost?: Promise<{ message?: string; reason?: string }> } }).device;
    const backendAtWatch = this.report.chosen;
    void device?.lost?.then((info) => {
      if (this.report.chosen === backendAtWatch && !this.disposed) {
        this.lostReason = `GPU device lost (${info.reason ?? 'unknown'}): ${info.message ?? ''}`.trim();
      }
    });
  }

  /** One tiny inference so shader compilation / weight packing does not land on the first real batch. */
  private async warmUp(): Promise<void> {
    const out = tf.tidy(() => this.model.predict(tf.zeros([1, 224, 224, 3])));
    try {
      await out.data();
    } finally {
      out.dispose();
    }
  }
}
