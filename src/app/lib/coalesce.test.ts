import { describe, expect, it } from 'vitest';
import { coalesced } from './coalesce';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('coalesced', () => {
  it('fires once for calls that arrive as separate messages of one burst, and again for a later burst', async () => {
    let fired = 0;
    const changed = coalesced(() => fired++);
    const { port1, port2 } = new MessageChannel();
    port2.onmessage = () => changed();
    // Two events posted back to back, as a worker emits them: two message tasks on the receiving side.
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
