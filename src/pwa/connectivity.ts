/**
 * Online/offline state for the UI. Glimpse needs the network only to fetch catalog data it has not
 * cached yet (new items, full-size images never opened) and to check for a new version; browsing,
 * liking, training and recommendations run on the device. Screens use `networkNeeded()` to say so.
 */

export interface ConnectivitySource {
  readonly onLine: boolean;
}
export interface EventSource {
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

export interface Connectivity {
  readonly online: boolean;
  /** Calls `listener(online)` on every change. Returns unsubscribe. */
  subscribe(listener: (online: boolean) => void): () => void;
}

export function createConnectivity(source: ConnectivitySource, events: EventSource): Connectivity {
  return {
    get online() {
      return source.onLine;
    },
    subscribe(listener) {
      const on = (): void => listener(true);
      const off = (): void => listener(false);
      events.addEventListener('online', on);
      events.addEventListener('offline', off);
      return () => {
        events.removeEventListener('online', on);
        events.removeEventListener('offline', off);
      };
    },
  };
}

/** The browser's connectivity (navigator.onLine + window events). */
export function browserConnectivity(): Connectivity {
  return createConnectivity(navigator, window);
}

/** The sentence a screen shows instead of an action that needs the network, or null when online. */
export function networkNeeded(what: string, online: boolean): string | null {
  return online ? null : `${what} needs a connection. You are offline: everything else keeps working on this device.`;
}
