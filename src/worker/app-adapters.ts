import type { Interaction } from '../core/data/interactions';
import { wipeEverything } from '../storage/wipe';
import type { GlimpseClient } from './client';
import type { ServiceEvent, StatusView, WipeResult } from './protocol';

type ClientLike = Pick<GlimpseClient, 'call' | 'on'>;

/**
 * The durable InteractionSink for src/app (structurally the app's interface, so the worker layer does not
 * import the app): record() resolves once the event is on disk. Subscribers hear of every change to the
 * log once, from the service's "profile changed" (sent with a record's answer, and for changes made in
 * other tabs), and list() it themselves: a like used to cost three reads of the whole log.
 */
export function createStoredInteractionSink(clientOrPromise: ClientLike | Promise<ClientLike>) {
  const ready = Promise.resolve(clientOrPromise);
  const listeners = new Set<() => void>();
  const list = async (): Promise<Interaction[]> =>
    (await (await ready).call('events/list', undefined)).map(({ kind, itemId, at, value }) => ({
      kind,
      itemId,
      at,
      ...(value === undefined ? {} : { value }),
    }));
  void ready.then(
    (client) =>
      client.on((e: ServiceEvent) => {
        if (e.type === 'profile/changed') for (const l of [...listeners]) l();
      }),
    () => undefined,
  );
  return {
    async record(event: Interaction): Promise<void> {
      await (await ready).call('events/record', event);
    },
    list,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The privacy actions a "My data" screen needs. */
export interface PrivacyActions {
  status(): Promise<StatusView>;
  exportData(): Promise<string>;
  importData(file: string): Promise<{ interactions: number; models: number }>;
  wipe(): Promise<WipeResult>;
  pause(paused: boolean): Promise<void>;
  reset(): Promise<void>;
}

export function createPrivacyActions(clientOrPromise: ClientLike | Promise<ClientLike>): PrivacyActions {
  const ready = Promise.resolve(clientOrPromise);
  return {
    status: async () => (await ready).call('status/get', undefined),
    exportData: async () => (await ready).call('privacy/export', undefined),
    importData: async (file) => (await ready).call('privacy/import', { file }),
    wipe: async () => {
      const report = await (await ready).call('privacy/wipe', undefined);
      // Main-thread only: TF.js localStorage models, the service worker (it would re-create its caches),
      // and a second cache sweep for anything written while the worker was wiping.
      const sw = (globalThis.navigator as Navigator | undefined)?.serviceWorker;
      const registrations = sw ? await sw.getRegistrations().catch(() => []) : [];
      await Promise.all(registrations.map((r) => r.unregister().catch(() => false)));
      const local = await wipeEverything({
        caches: globalThis.caches,
        localStorage: (globalThis as { localStorage?: Storage }).localStorage,
      });
      return { ...report, caches: [...new Set([...report.caches, ...local.caches])] };
    },
    pause: async (paused) => (await ready).call('profile/pause', { paused }),
    reset: async () => (await ready).call('profile/reset', undefined),
  };
}
