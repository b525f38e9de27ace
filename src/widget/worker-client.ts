import { releaseProxy, wrap, type Remote } from 'comlink';
import type { Interaction } from '../core/data/interactions';
import type { EngineInit, EngineStats, Outcome, WidgetEngineApi } from './worker/protocol';
import { GlimpseWidgetError, type CatalogSource, type CatalogSummary, type RecsEngine } from './types';

export const WORKER_FILE = 'glimpse-engine-worker.js';

/** The shipped RecsEngine: one engine Worker per element, spoken to through comlink. */
export interface WorkerRecsEngine extends RecsEngine {
  stats(): Promise<EngineStats>;
  /** What the worker reported left after release, just before it was terminated (null before dispose). */
  released(): EngineStats | null;
}

function unwrap<T>(o: Outcome<T>): T {
  if (!o.ok) throw new GlimpseWidgetError(o.error);
  return o.value;
}

/**
 * Starts the engine worker from the widget's own origin while the page is on another one. Browsers
 * refuse `new Worker(crossOriginUrl)`, but a same-origin blob whose only line is importScripts() of the
 * cross-origin worker file is allowed, so the TF.js-sized engine stays out of the small element bundle and
 * is fetched only when an element connects.
 */
export function startEngineWorker(assetsBase: string): { worker: Worker; blobUrl: string } {
  const workerUrl = new URL(WORKER_FILE, assetsBase).href;
  const blobUrl = URL.createObjectURL(new Blob([`importScripts(${JSON.stringify(workerUrl)});`], { type: 'text/javascript' }));
  return { worker: new Worker(blobUrl, { name: 'glimpse-engine' }), blobUrl };
}

export function createWorkerEngine(assetsBase: string, options: Pick<EngineInit, 'vision'> = {}): WorkerRecsEngine {
  const { worker, blobUrl } = startEngineWorker(assetsBase);
  const api: Remote<WidgetEngineApi> = wrap<WidgetEngineApi>(worker);
  const listeners = new Set<() => void>();
  let channel: BroadcastChannel | null = null;
  let disposed = false;
  let released: EngineStats | null = null;
  const ready = api.init({ assetsBase, ...options }).then(unwrap);
  const notify = () => listeners.forEach((l) => l());
  // A worker that fails to start (blocked script, CSP) would otherwise leave every call pending forever.
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      reject(new GlimpseWidgetError({ code: 'engine', message: `The engine worker failed to start (${e.message || WORKER_FILE + ' not loadable'}).`, fix: `Check that ${new URL(WORKER_FILE, assetsBase).href} is reachable and your Content-Security-Policy allows worker-src blob:.` }));
    });
  });
  failed.catch(() => {});
  const call = <T>(p: Promise<Outcome<T>>) => Promise.race([ready.then(() => p), failed]).then(unwrap);

  return {
    async loadCatalog(source: CatalogSource): Promise<CatalogSummary> {
      const summary = await call(api.loadCatalog(source));
      channel?.close();
      if (!disposed) {
        // Same-origin, in-browser only: lets other widgets and tabs of this shop refresh after a track().
        channel = new BroadcastChannel(`glimpse-widget:${summary.name}`);
        channel.onmessage = notify;
      }
      return summary;
    },
    recommend: (request) => call(api.recommend(request)),
    async track(event: Interaction) {
      await call(api.track(event));
      channel?.postMessage('changed');
      notify();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stats: () => api.stats(),
    released: () => released,
    async dispose() {
      if (disposed) return;
      disposed = true;
      listeners.clear();
      channel?.close();
      channel = null;
      // Ask the worker to close its database first (so an upgrade elsewhere is never blocked), but never
      // wait long for a worker that is stuck: terminate frees its tensors and connections anyway.
      await Promise.race([
        api.dispose().then((s) => { released = s; }, () => {}),
        new Promise((r) => setTimeout(r, 500)),
      ]);
      api[releaseProxy]();
      worker.terminate();
      URL.revokeObjectURL(blobUrl);
    },
  };
}
