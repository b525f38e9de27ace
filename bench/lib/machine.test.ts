import { cpus } from 'node:os';
import { describe, expect, it } from 'vitest';
import { sampleCpu } from './machine';

describe('sampleCpu', () => {
  it.runIf(process.platform === 'linux')(
    'sees this process keep a core busy, and nothing outside its samples',
    async () => {
      const cpu = sampleCpu(20);
      const from = performance.now();
      // Busy in 15 ms slices, yielding so the sampling timer runs.
      while (performance.now() - from < 400) {
        const t = performance.now();
        while (performance.now() - t < 15);
        await new Promise((r) => setTimeout(r, 0));
      }
      const to = performance.now();
      cpu.stop();
      const busy = cpu.busyCores(from, to)!;
      expect(busy).toBeGreaterThan(0.5);
      expect(busy).toBeLessThanOrEqual(cpus().length);
      expect(cpu.busyCores(to + 1, to + 1000)).toBeUndefined();
    },
  );
});
