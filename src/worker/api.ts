import { GlimpseError, type ErrorPayload, type Progress, type ServiceEvent, type WorkerApi } from './protocol';
import { toErrorPayload, type GlimpseService } from './service';

const ABORTED: ErrorPayload = { code: 'aborted', message: 'Cancelled.' };

/**
 * Wraps a service as the id-carrying, never-throwing API that comlink exposes (and that the client uses
 * directly when running in-process). Each call gets an AbortController, cancellable by its id.
 */
export function createWorkerApi(service: Promise<GlimpseService>): WorkerApi {
  const running = new Map<string, AbortController>();
  // A failed start (e.g. a blocked upgrade) is reported per call, not as an unhandled rejection.
  service.catch(() => undefined);
  return {
    async call(id, method, args, onProgress) {
      const abort = new AbortController();
      running.set(id, abort);
      const report = (done: number, total: number) => {
        if (!onProgress) return;
        const p: Progress = { stage: method, done, total };
        // Over comlink the callback is a proxy returning a promise; progress is fire-and-forget.
        void Promise.resolve()
          .then(() => onProgress(p))
          .catch(() => undefined);
      };
      try {
        const s = await service;
        const value = await s.handle(method, args, { signal: abort.signal, onProgress: report });
        if (abort.signal.aborted) return { id, ok: false, error: ABORTED };
        return { id, ok: true, value };
      } catch (e) {
        return { id, ok: false, error: abort.signal.aborted ? ABORTED : toErrorPayload(e) };
      } finally {
        running.delete(id);
      }
    },
    cancel(id) {
      running.get(id)?.abort(new GlimpseError('aborted', 'Cancelled.'));
    },
    subscribe(listener) {
      // Events emitted in one turn (a like: profile and recs changed) go out as one message, so the
      // page handles them in one task and re-queries once; one message per event let a page timer split them.
      let batch: ServiceEvent[] = [];
      const flush = () => {
        const events = batch;
        batch = [];
        void Promise.resolve()
          .then(() => listener(events))
          .catch(() => undefined);
      };
      void service.then(
        (s) =>
          s.on((event) => {
            if (batch.push(event) === 1) queueMicrotask(flush);
          }),
        () => undefined,
      );
    },
    async ping() {
      const s = await service.catch(() => undefined);
      const status = s ? await s.status() : undefined;
      return {
        ok: true,
        engine: status?.engine ?? 'none',
        ...(status?.engineError ? { engineError: status.engineError } : {}),
      };
    },
  };
}
