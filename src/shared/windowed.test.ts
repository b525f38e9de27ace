import { describe, expect, it } from 'vitest';
import { runWindowed } from './windowed';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runWindowed', () => {
  it('runs every task once with at most `width` at a time, refilling slots as they free', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await runWindowed(10, 3, async (i) => {
      running++;
      peak = Math.max(peak, running);
      seen.push(i);
      await tick(i % 2 ? 1 : 4);
      running--;
    });
    expect(peak).toBe(3);
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('starts nothing after a failure, lets the running tasks finish, then throws that failure', async () => {
    const finished: number[] = [];
    const started: number[] = [];
    const run = runWindowed(8, 2, async (i) => {
      started.push(i);
      await tick(i === 1 ? 1 : 5);
      if (i === 1) throw new Error('item 1 broke');
      finished.push(i);
    });
    await expect(run).rejects.toThrow('item 1 broke');
    expect(started).toEqual([0, 1]);
    expect(finished).toEqual([0]);
  });

  it('does nothing for no tasks and still runs one at a time for a width under 1', async () => {
    let calls = 0;
    await runWindowed(0, 4, async () => void calls++);
    expect(calls).toBe(0);
    await runWindowed(3, 0, async () => void calls++);
    expect(calls).toBe(3);
  });
});
