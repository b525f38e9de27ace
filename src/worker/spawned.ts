import type * as Comlink from 'comlink';

/** A started worker as its users need it (a real Worker, or a MessagePort pair in tests). */
export interface SpawnedWorker {
  endpoint: Comlink.Endpoint;
  terminate(): void;
  /** Registers a listener for the worker dying (error event, failed module load). */
  onCrash(listener: (reason: string) => void): void;
}

/** A started Worker as a SpawnedWorker: its port, terminate, and its error events as crashes. */
export function spawned(worker: Worker): SpawnedWorker {
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onCrash: (listener) => {
      worker.addEventListener('error', (e) => listener(e.message || 'worker error'));
      worker.addEventListener('messageerror', () => listener('worker message could not be deserialised'));
    },
  };
}
