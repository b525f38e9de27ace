import * as Comlink from 'comlink';
import type { Interaction } from '../core/data/interactions';
import {
  GlimpseError,
  type ArgsOf,
  type Envelope,
  type Method,
  type Progress,
  type RecordResult,
  type ResultOf,
  type ServiceEvent,
  type WorkerApi,
} from './protocol';
import { spawned, type SpawnedWorker } from './spawned';

export type { SpawnedWorker };

export interface ClientOptions {
  /** Starts a worker; throwing (no Worker support, CSP) selects in-process mode. */
  spawn?: () => SpawnedWorker;
  /** The in-process API used when the worker cannot run or its engine failed there. */
  inProcess?: () => WorkerApi | Promise<WorkerApi>;
  /** Liveness check period; an unanswered ping within pingTimeoutMs counts as a crash. */
  pingIntervalMs?: number;
  /**
   * Default 20 s: a healthy worker can hold its thread for seconds (a SwiftShader shader compile, a wasm
   * batch on a busy 2-core box), and a restart costs more than a late answer.
   */
  pingTimeoutMs?: number;
  /** How long the first handshake may take (the worker loads its modules and opens storage). */
  startTimeoutMs?: number;
  /** After this many crashes the client stays in-process. */
  maxRestarts?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

function defaultSpawn(): SpawnedWorker {
  // Vite bundles the worker from this exact expression.
  return spawned(new Worker(new URL('./entry.ts', import.meta.url), { type: 'module', name: 'glimpse' }));
}

async function defaultInProcess(): Promise<WorkerApi> {
  return (await import('./in-process')).createInProcessApi();
}

const PING_TIMEOUT_MS = 20_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(
      () => reject(new GlimpseError('worker-crashed', `${what} did not answer within ${ms} ms`)),
      ms,
    );
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

let seq = 0;
const nextId = () => `c${Date.now().toString(36)}-${(seq++).toString(36)}`;

interface Pending {
  reject: (e: GlimpseError) => void;
}

/**
 * The UI's only door to the engine. Runs the service in a Worker when it can; falls back to in-process when
 * the Worker cannot start or its engine backend fails there; restarts a crashed or unresponsive worker (the
 * new one resumes from storage) and rejects the calls that were in flight with 'worker-crashed'.
 */
export class GlimpseClient {
  private api!: WorkerApi;
  private worker: SpawnedWorker | undefined;
  private remote: Comlink.Remote<WorkerApi> | undefined;
  private restarts = 0;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<(e: ServiceEvent) => void>();
  private closed = false;
  private generation = 0;
  mode: 'worker' | 'in-process' = 'worker';
  /** Why the client is in-process, if it is. */
  inProcessReason: string | undefined;

  private constructor(private readonly options: ClientOptions) {}

  static async create(options: ClientOptions = {}): Promise<GlimpseClient> {
    const client = new GlimpseClient(options);
    await client.start();
    return client;
  }

  private async start(): Promise<void> {
    const spawn = this.options.spawn ?? defaultSpawn;
    let worker: SpawnedWorker | undefined;
    try {
      worker = spawn();
      const remote = Comlink.wrap<WorkerApi>(worker.endpoint);
      const hello = await withTimeout(remote.ping(), this.options.startTimeoutMs ?? 15_000, 'The worker');
      if (hello.engine === 'failed') {
        throw new GlimpseError(
          'engine-unavailable',
          `engine failed in the worker: ${hello.engineError ?? 'unknown error'}`,
        );
      }
      this.useWorker(worker, remote);
    } catch (e) {
      worker?.terminate();
      await this.useInProcess(e instanceof Error ? e.message : String(e));
    }
  }

  private useWorker(worker: SpawnedWorker, remote: Comlink.Remote<WorkerApi>): void {
    const generation = ++this.generation;
    this.worker = worker;
    this.remote = remote;
    this.api = remote as unknown as WorkerApi;
    this.mode = 'worker';
    worker.onCrash((reason) => {
      if (generation === this.generation) void this.recover(reason);
    });
    void remote.subscribe(Comlink.proxy((events: ServiceEvent[]) => this.dispatch(events)));
    const interval = this.options.pingIntervalMs ?? 5_000;
    this.pingTimer = setInterval(() => {
      withTimeout(remote.ping(), this.options.pingTimeoutMs ?? PING_TIMEOUT_MS, 'The worker').catch((e: Error) => {
        if (generation === this.generation) void this.recover(e.message);
      });
    }, interval);
  }

  private async useInProcess(reason: string): Promise<void> {
    this.stopWorker();
    this.mode = 'in-process';
    this.inProcessReason = reason;
    this.api = await (this.options.inProcess ?? defaultInProcess)();
    this.api.subscribe((events) => this.dispatch(events));
    this.dispatch([{ type: 'worker/in-process', reason }]);
  }

  private stopWorker(): void {
    this.generation++;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    this.remote?.[Comlink.releaseProxy]();
    this.remote = undefined;
    this.worker?.terminate();
    this.worker = undefined;
  }

  /** A crash or hang: fail what was in flight, start a fresh worker (it resumes from storage). */
  private async recover(reason: string): Promise<void> {
    if (this.closed || this.mode !== 'worker') return;
    this.stopWorker();
    for (const [id, p] of this.pending) {
      p.reject(new GlimpseError('worker-crashed', `The Glimpse worker stopped (${reason}); please retry.`));
      this.pending.delete(id);
    }
    this.restarts++;
    if (this.restarts > (this.options.maxRestarts ?? 3)) {
      await this.useInProcess(`worker crashed ${this.restarts} times; last: ${reason}`);
      return;
    }
    await this.start();
    if (this.mode === 'worker') this.dispatch([{ type: 'worker/restarted', restarts: this.restarts }]);
  }

  private dispatch(events: readonly ServiceEvent[]): void {
    for (const event of events) for (const l of this.listeners) l(event);
  }

  /** Subscribes to service events (recs changed, profile changed, storage notices, restarts). */
  on(listener: (e: ServiceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls a protocol method; rejects with GlimpseError {code, message, details}. */
  call<M extends Method>(method: M, args: ArgsOf<M>, options: CallOptions = {}): Promise<ResultOf<M>> {
    if (this.closed) return Promise.reject(new GlimpseError('closed', 'The Glimpse client is closed.'));
    const id = nextId();
    const api = this.api;
    const remote = this.mode === 'worker';
    return new Promise<ResultOf<M>>((resolve, reject) => {
      if (options.signal?.aborted) return reject(new GlimpseError('aborted', 'Cancelled.'));
      const onAbort = () => {
        void Promise.resolve(api.cancel(id)).catch(() => undefined);
        settle(() => reject(new GlimpseError('aborted', 'Cancelled.')));
      };
      let done = false;
      const settle = (f: () => void) => {
        if (done) return;
        done = true;
        this.pending.delete(id);
        options.signal?.removeEventListener('abort', onAbort);
        f();
      };
      this.pending.set(id, { reject: (e) => settle(() => reject(e)) });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const progress =
        options.onProgress && (remote ? Comlink.proxy(options.onProgress) : options.onProgress);
      api.call(id, method, args, progress).then(
        (envelope: Envelope<ResultOf<M>>) =>
          settle(() =>
            envelope.ok
              ? resolve(envelope.value)
              : reject(new GlimpseError(envelope.error.code, envelope.error.message, envelope.error.details)),
          ),
        (e: unknown) =>
          settle(() => reject(new GlimpseError('internal', e instanceof Error ? e.message : String(e)))),
      );
    });
  }

  /** Convenience for the app's InteractionSink: resolves once the event is durably stored. */
  record(event: Interaction): Promise<RecordResult> {
    return this.call('events/record', event);
  }

  close(): void {
    this.closed = true;
    this.stopWorker();
    this.listeners.clear();
  }
}

export function createGlimpseClient(options: ClientOptions = {}): Promise<GlimpseClient> {
  return GlimpseClient.create(options);
}
