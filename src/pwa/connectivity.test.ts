import { describe, expect, it } from 'vitest';
import { createConnectivity, networkNeeded } from './connectivity';

describe('connectivity', () => {
  it('reads the current state and reports changes until unsubscribed', () => {
    const source = { onLine: true };
    const events = new EventTarget();
    const connectivity = createConnectivity(source, events);
    const seen: boolean[] = [];
    const unsubscribe = connectivity.subscribe((online) => seen.push(online));
    source.onLine = false;
    events.dispatchEvent(new Event('offline'));
    expect(connectivity.online).toBe(false);
    events.dispatchEvent(new Event('online'));
    unsubscribe();
    events.dispatchEvent(new Event('offline'));
    expect(seen).toEqual([false, true]);
  });

  it('says what needs the network only when offline', () => {
    expect(networkNeeded('Loading a new catalog', true)).toBeNull();
    expect(networkNeeded('Loading a new catalog', false)).toMatch(/^Loading a new catalog needs a connection/);
  });
});
