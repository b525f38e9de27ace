import * as Comlink from 'comlink';
import { createBrowserDecoder } from '../engine/extract/decode';
import {
  fromOutcome,
  prepareBytes,
  type ImagePreparer,
  type PrepareOutcome,
} from '../engine/extract/prepare';
import type { PrepApi } from './prep-api';
import { spawned, type SpawnedWorker } from './spawned';

export interface WorkerPreparer extends ImagePreparer {
  /** Why images are prepared on the engine's own thread instead (no Worker, or the prep worker died). */
  readonly fallbackReason: string | undefined;
  dispose(): void;
}

export interface WorkerPreparerOptions {
  /** Starts the prep worker; throwing means no second worker here (the images are prepared locally). */
  spawn?: () => SpawnedWorker;
  /** Prepares on this thread when the prep worker cannot; default: createImageBitmap + OffscreenCanvas. */
  local?: ImagePreparer;
}

function defaultSpawn(): SpawnedWorker {
  // Vite bundles the worker from this exact expression (a worker started from the engine's worker).
  return spawned(
    new Worker(new URL('./prep-worker.ts', import.meta.url), { type: 'module', name: 'glimpse-prep' }),
  );
}

function localPreparer(): ImagePreparer {
  const decoder = createBrowserDecoder();
  return { prepare: (bytes, limits, withAttributes) => prepareBytes(decoder, bytes, limits, withAttributes) };
}

/**
 * The engine's ImagePreparer over a second Web Worker. Calls in flight when that worker dies are prepared
 * again on this thread, and so is everything after: a lost helper slows extraction down but loses nothing.
 */
export function createWorkerPreparer(options: WorkerPreparerOptions = {}): WorkerPreparer {
  const local = options.local ?? localPreparer();
  let fallbackReason: string | undefined;
  let worker: SpawnedWorker | undefined;
  let remote: Comlink.Remote<PrepApi> | undefined;
  let lose: (reason: string) => void = () => undefined;
  const lost = new Promise<never>((_, reject) => {
    lose = (reason) => reject(new Error(reason));
  });
  lost.catch(() => undefined);
  const giveUp = (reason: string) => {
    fallbackReason ??= reason;
    worker?.terminate();
    remote = undefined;
    lose(reason);
  };
  try {
    worker = (options.spawn ?? defaultSpawn)();
    remote = Comlink.wrap<PrepApi>(worker.endpoint);
    worker.onCrash((reason) => giveUp(`the prep worker stopped: ${reason}`));
  } catch (err) {
    fallbackReason = `no prep worker: ${err instanceof Error ? err.message : String(err)}`;
  }

  return {
    get fallbackReason() {
      return fallbackReason;
    },
    async prepare(bytes, limits, withAttributes) {
      if (!remote) return local.prepare(bytes, limits, withAttributes);
      let outcome: PrepareOutcome;
      try {
        // A copy goes to the worker: the caller keeps its bytes (the engine hashes them too).
        outcome = await Promise.race([remote.prepare(bytes, limits, withAttributes), lost]);
      } catch {
        // The worker, not the image, failed (it died, or the message could not cross): do it here.
        return local.prepare(bytes, limits, withAttributes);
      }
      return fromOutcome(outcome);
    },
    dispose() {
      giveUp('disposed');
    },
  };
}
