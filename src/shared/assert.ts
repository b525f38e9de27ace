/** Thrown when an internal invariant breaks; a bug, never bad user input (that gets a typed error). */
export class InvariantError extends Error {
  override name = 'InvariantError';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}
