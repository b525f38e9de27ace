import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { prepareBytes } from '../../src/engine/extract/prepare';
import { createWorkerPreparer, type WorkerPreparer } from '../../src/worker/prep-client';
import type { SpawnedWorker } from '../../src/worker/spawned';
import { createNodeDecoder } from './node-decoder';

/** A worker thread (default: the prep thread) as a SpawnedWorker; an error or an exit before terminate() is a crash. */
export function spawnPrepThread(entry: URL = new URL('./prep-thread.mjs', import.meta.url)): SpawnedWorker {
  const worker = new Worker(entry);
  // A CLI that forgets dispose() still exits when its work is done.
  worker.unref();
  let terminating = false;
  return {
    endpoint: nodeEndpoint(worker),
    terminate: () => {
      terminating = true;
      void worker.terminate();
    },
    onCrash: (listener) => {
      worker.on('error', (err) => listener(err.message));
      worker.on('exit', (code) => terminating || listener(`exited with code ${code}`));
    },
  };
}

/**
 * The Node pipeline's second thread, as in the browser app: sharp decoding, the resize and the attributes
 * run in a worker thread while the main thread runs the model. If the thread cannot start or dies, images
 * are prepared on the main thread (prep-client's fallback).
 */
export function createNodePreparer(spawn: () => SpawnedWorker = spawnPrepThread): WorkerPreparer {
  const decoder = createNodeDecoder();
  return createWorkerPreparer({
    spawn,
    local: {
      prepare: (bytes, limits, withAttributes) => prepareBytes(decoder, bytes, limits, withAttributes),
    },
  });
}
