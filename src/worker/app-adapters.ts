import type { Interaction } from '../core/data/interactions';
import type { GlimpseClient } from './client';
import type { ServiceEvent, StatusView, WipeResult } from './protocol';

type ClientLike = Pick<GlimpseClient, 'call' | 'on'>;

/**
 * The durable InteractionSink for src/app (structurally the app's interface, so the worker layer does not
 * import the app): record() resolves once the event is on disk; subscribers also hear about changes made
 * in other tabs, so both stay in sync.
 */
export function createStoredInteractionSink(clientOrPromise: ClientLike | Promise<ClientLike>) {
  const ready = Promise.resolve(clientOrPromise);
  const listeners = new Set<(event: Interaction) => void>();
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
        if (e.type !== 'profile/changed' || !listeners.size) return;
        void list().then(
          (events) => {
            const last = events[events.length - 1];
            if (last) for (const l of [...listeners]) l(last);
          },
          () => undefined,
        );
      }),
    () => undefined,
  );
  return {
    async record(event: Interaction): Promise<void> {
      const result = await (await ready).call('events/record', event);
      if (result.recorded) for (const l of [...listeners]) l(event);
    },
    list,
    subscribe(listener: (event: Interaction) => void): () => void {
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
    wipe: async () => (await ready).call('privacy/wipe', undefined),
    pause: async (paused) => (await ready).call('profile/pause', { paused }),
    reset: async () => (await ready).call('profile/reset', undefined),
  };
}
