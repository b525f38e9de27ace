/**
 * A flat list of (user, item, value[, time]) interactions by dense index: the unit that splits work
 * on and that builds a CSR matrix. Struct-of-arrays for compactness.
 */
export interface Triples {
  users: Int32Array;
  items: Int32Array;
  values: Float32Array;
  /** Seconds or milliseconds since epoch (only order matters); absent when the data has no times. */
  times?: Float64Array;
}

export function createTriples(
  users: ArrayLike<number>,
  items: ArrayLike<number>,
  values?: ArrayLike<number>,
  times?: ArrayLike<number>,
): Triples {
  if (users.length !== items.length)
    throw new Error(`createTriples: ${users.length} users vs ${items.length} items`);
  return {
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: values ? Float32Array.from(values) : new Float32Array(users.length).fill(1),
    times: times ? Float64Array.from(times) : undefined,
  };
}

/** The triples at the given positions (in that order). */
export function selectTriples(t: Triples, positions: ArrayLike<number>): Triples {
  const n = positions.length;
  const out: Triples = {
    users: new Int32Array(n),
    items: new Int32Array(n),
    values: new Float32Array(n),
    times: t.times ? new Float64Array(n) : undefined,
  };
  for (let k = 0; k < n; k++) {
    const p = positions[k];
    out.users[k] = t.users[p];
    out.items[k] = t.items[p];
    out.values[k] = t.values[p];
    if (out.times) out.times[k] = t.times![p];
  }
  return out;
}

/** Positions grouped by user: user -> positions in t (in original order). */
export function positionsByUser(t: Triples, nUsers: number): number[][] {
  const by: number[][] = Array.from({ length: nUsers }, () => []);
  for (let p = 0; p < t.users.length; p++) by[t.users[p]].push(p);
  return by;
}
