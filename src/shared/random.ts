/**
 * Seeded PRNG (mulberry32). Every split, initialiser and sampler takes a seed so two runs give
 * identical results (STYLE.md, "Seed everything").
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /**
   * The generator's 32-bit state, readable and writable so a hot loop can step it in a local variable
   * (MULBERRY32_STEP, then mulberry32Uniform) and hand it back: the same sequence as next().
   */
  state: number;
}

/** mulberry32's state increment: state = (state + MULBERRY32_STEP) >>> 0 before each output. */
export const MULBERRY32_STEP = 0x6d2b79f5;

/** mulberry32's output for an already advanced state, uniform in [0, 1). */
export function mulberry32Uniform(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    a = (a + MULBERRY32_STEP) >>> 0;
    return mulberry32Uniform(a);
  };
  return {
    get state() {
      return a;
    },
    set state(s: number) {
      a = s >>> 0;
    },
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

/** In-place Fisher-Yates shuffle with a seeded generator. */
export function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
