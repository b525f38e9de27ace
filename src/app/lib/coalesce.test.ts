import { describe, expect, it } from 'vitest';
import { coalesced } from './coalesce';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('coalesced', () => {
  it('fires once for calls that arrive as separate messages of one burst, and again for a later burst', async () => {
    let fired = 0;
    const changed = coalesced(() => fired++);
    const { port1, port2 } = new MessageChannel();
    port2.onmessage = () => changed();
    // Two messages posted back to back (the worker's events, then the call's answer): two message tasks here.
    port1.postMessage('profile/changed');
    port1.postMessage('recs/changed');
    await tick();
    expect(fired).toBe(1);
    port1.postMessage('recs/changed');
    await tick();
    expect(fired).toBe(2);
    port1.close();
    port2.close();
  });
});
