/** Monotonic milliseconds where available (browser, worker, Node), wall clock otherwise; core has no DOM types. */
const perf = (globalThis as { performance?: { now(): number } }).performance;
export const nowMs: () => number = perf ? () => perf.now() : () => Date.now();
