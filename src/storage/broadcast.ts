/**
 * Cross-tab change notices. A message says only *which kind of data* changed ("reload it from IndexedDB"),
 * never the data itself; BroadcastChannel is same-origin anyway.
 */
export type ChangeTopic =
  'interactions' | 'profile' | 'parameters' | 'catalog' | 'features' | 'settings' | 'all';

export interface ChangeMessage {
  type: 'glimpse/changed';
  topic: ChangeTopic;
}

export interface ChangeChannel {
  notify(topic: ChangeTopic): void;
  subscribe(listener: (topic: ChangeTopic) => void): () => void;
  close(): void;
}

const TOPICS = new Set<string>([
  'interactions',
  'profile',
  'parameters',
  'catalog',
  'features',
  'settings',
  'all',
]);

function isChangeMessage(x: unknown): x is ChangeMessage {
  return (
    !!x &&
    typeof x === 'object' &&
    (x as ChangeMessage).type === 'glimpse/changed' &&
    TOPICS.has((x as ChangeMessage).topic)
  );
}

/** A channel per database name; without BroadcastChannel (old browsers) it silently does nothing. */
export function openChangeChannel(dbName: string): ChangeChannel {
  const listeners = new Set<(topic: ChangeTopic) => void>();
  if (typeof BroadcastChannel === 'undefined') {
    return { notify: () => undefined, subscribe: () => () => undefined, close: () => undefined };
  }
  const channel = new BroadcastChannel(`glimpse-changes:${dbName}`);
  channel.onmessage = (event: MessageEvent) => {
    if (isChangeMessage(event.data)) for (const l of listeners) l(event.data.topic);
  };
  return {
    notify: (topic) => channel.postMessage({ type: 'glimpse/changed', topic } satisfies ChangeMessage),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      listeners.clear();
      channel.close();
    },
  };
}
