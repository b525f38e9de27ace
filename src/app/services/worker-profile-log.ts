import type { GlimpseClient } from '../../worker/client';
import { createStoredInteractionSink } from '../../worker/app-adapters';
import type { ProfileLog } from './profile-log';
import { RecsClientError } from './recs-client';

type ClientLike = Pick<GlimpseClient, 'call' | 'on'>;

/** Adapter: the worker client's durable log (IndexedDB, cross-tab) as the app's ProfileLog. */
export function createWorkerProfileLog(clientOrPromise: ClientLike | Promise<ClientLike>): ProfileLog {
  const ready = Promise.resolve(clientOrPromise);
  const sink = createStoredInteractionSink(ready);
  return {
    ...sink,
    async history() {
      const events = await (await ready).call('events/list', undefined);
      return events.map(({ id, kind, itemId, at, value }) => ({ id: String(id), kind, itemId, at, ...(value === undefined ? {} : { value }) }));
    },
    async remove(id) {
      await (await ready).call('events/remove', { id: Number(id) });
    },
    async paused() {
      return (await (await ready).call('profile/get', undefined)).paused;
    },
    async setPaused(paused) {
      await (await ready).call('profile/pause', { paused });
    },
    async exportJson() {
      return (await ready).call('privacy/export', undefined);
    },
    async importJson(text) {
      try {
        return (await (await ready).call('privacy/import', { file: text })).interactions;
      } catch (err) {
        throw new RecsClientError(err instanceof Error ? err.message : String(err));
      }
    },
    async wipe() {
      await (await ready).call('privacy/wipe', undefined);
    },
    onChange(listener) {
      let off: (() => void) | undefined;
      let cancelled = false;
      void ready.then((client) => {
        const unsubscribe = client.on((e) => e.type === 'profile/changed' && listener());
        if (cancelled) unsubscribe?.();
        else off = unsubscribe;
      });
      return () => {
        cancelled = true;
        off?.();
      };
    },
  };
}
