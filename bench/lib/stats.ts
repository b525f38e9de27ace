/** Order statistics for noisy timings: this machine is shared, so report medians and spreads, never one run. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  p90: number;
  n: number;
}

export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], p90: q(0.9), n: s.length };
}

/** Times `fn` `reps` times after `warmup` untimed calls; returns per-call milliseconds. */
export async function timeIt(fn: () => unknown | Promise<unknown>, reps: number, warmup = 1): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return summarize(out);
}

/** Alternates fast and naive calls (one untimed call of each first) so both see the same machine load; per-call ms. */
export function pairedSamples(fast: () => unknown, naive: () => unknown, reps: number): { fast: number[]; naive: number[] } {
  fast();
  naive();
  const f: number[] = [],
    n: number[] = [];
  for (let r = 0; r < reps; r++) {
    let t = performance.now();
    fast();
    f.push(performance.now() - t);
    t = performance.now();
    naive();
    n.push(performance.now() - t);
  }
  return { fast: f, naive: n };
}
