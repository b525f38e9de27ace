/**
 * Typed errors for bad numeric input. Bad data (NaN in a feature file, mismatched dimensions) is the
 * caller's problem to report, so it gets its own class rather than an InvariantError.
 */
export class NonFiniteError extends Error {
  override name = 'NonFiniteError';
  constructor(
    readonly what: string,
    readonly index: number,
    readonly value: number,
  ) {
    super(`${what} contains a non-finite value (${value}) at index ${index}`);
  }
}

export class DimensionError extends Error {
  override name = 'DimensionError';
  constructor(what: string, expected: number, got: number) {
    super(`${what}: expected ${expected}, got ${got}`);
  }
}

/** Throws NonFiniteError on the first NaN/Infinity; cheap enough to run on every load and score. */
export function assertFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) throw new NonFiniteError(what, i, v);
  }
}
