import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browserIdle, createQuietGate } from './quiet';

describe('createQuietGate', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const gate = () => {
    const target = new EventTarget();
    const g = createQuietGate({ target, quietMs: 1000, now: () => Date.now(), idle: (run) => setTimeout(run, 0) });
    return { target, g };
  };

  it('lets background work run at once on a page nobody is using', async () => {
    const { g } = gate();
    let done = false;
    void g.wait().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('holds it back until input has stopped for quietMs, and input meanwhile pushes it further', async () => {
    const { target, g } = gate();
    target.dispatchEvent(new Event('pointerdown'));
    let done = false;
    void g.wait().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(600);
    target.dispatchEvent(new Event('keydown'));
    await vi.advanceTimersByTimeAsync(600);
    expect(done).toBe(false); // 1200 ms after the first input, 600 after the last
    await vi.advanceTimersByTimeAsync(401);
    expect(done).toBe(true);
  });

  it('input that arrives while it waits for an idle slot sends it back to waiting', async () => {
    const target = new EventTarget();
    const idleRuns: (() => void)[] = [];
    const g = createQuietGate({ target, quietMs: 1000, now: () => Date.now(), idle: (run) => idleRuns.push(run) });
    let done = false;
    void g.wait().then(() => (done = true));
    target.dispatchEvent(new Event('pointerdown'));
    idleRuns.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    idleRuns.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('stops listening once disposed', async () => {
    const { target, g } = gate();
    g.dispose();
    target.dispatchEvent(new Event('pointerdown'));
    let done = false;
    void g.wait().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('waits for an idle callback on a visible page, and not at all on a hidden one', async () => {
    const ric = vi.fn();
    vi.stubGlobal('requestIdleCallback', ric);
    try {
      vi.stubGlobal('document', { hidden: false });
      const runs: string[] = [];
      browserIdle(() => runs.push('visible'));
      expect(ric).toHaveBeenCalledTimes(1);
      vi.stubGlobal('document', { hidden: true });
      browserIdle(() => runs.push('hidden'));
      expect(ric).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(0);
      expect(runs).toEqual(['hidden']);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
