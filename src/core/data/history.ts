import type { IdIndex } from './id-index';
import {
  DEFAULT_EVENT_WEIGHTS,
  interactionWeight,
  type Interaction,
  type InteractionKind,
} from './interactions';

/**
 * One user's history by item index: what every model's scoreHistory/foldIn consumes. Weights are signed
 * (negative = "less like this"), already combined per item and time-decayed.
 */
export interface UserHistory {
  items: Int32Array;
  weights: Float32Array;
}

export const EMPTY_HISTORY: UserHistory = { items: new Int32Array(0), weights: new Float32Array(0) };

export interface HistoryOptions {
  /** Epoch ms "now" (decay reference). */
  now: number;
  /** Half-life of an event's weight in days; Infinity disables decay. Default 30. */
  halfLifeDays?: number;
  weights?: Readonly<Record<InteractionKind, number>>;
}

export interface LogSummary {
  history: UserHistory;
  /** Items interacted with in any way (candidates to exclude as "seen"). */
  seen: Int32Array;
  purchased: Int32Array;
  /** Added to cart and not purchased since. */
  inCart: Int32Array;
  /** Log entries naming items not in the index (kept out of the maths, reported, never thrown away). */
  unknownItemIds: string[];
}

const DAY_MS = 86_400_000;

/**
 * Turns the raw interaction log into per-item signed weights with exponential time decay
 * (weight * 0.5^(age / halfLife)). Items whose combined weight is exactly zero are left out.
 */
export function summariseLog(
  log: readonly Interaction[],
  items: IdIndex,
  options: HistoryOptions,
): LogSummary {
  const halfLife = (options.halfLifeDays ?? 30) * DAY_MS;
  const weights = options.weights ?? DEFAULT_EVENT_WEIGHTS;
  const acc = new Map<number, number>();
  const seen = new Set<number>(),
    purchased = new Set<number>(),
    cart = new Set<number>();
  const unknown = new Set<string>();
  for (const e of log) {
    const i = items.indexOf(e.itemId);
    if (i < 0) {
      unknown.add(e.itemId);
      continue;
    }
    const age = Math.max(0, options.now - e.at);
    const decay = Number.isFinite(halfLife) ? Math.pow(0.5, age / halfLife) : 1;
    const w = interactionWeight(e, weights) * decay;
    if (Number.isFinite(w) && w !== 0) acc.set(i, (acc.get(i) ?? 0) + w);
    seen.add(i);
    if (e.kind === 'purchase') {
      purchased.add(i);
      cart.delete(i);
    } else if (e.kind === 'add-to-cart') cart.add(i);
  }
  const entries = [...acc].filter(([, w]) => w !== 0).sort((a, b) => a[0] - b[0]);
  const sorted = (s: Set<number>) => Int32Array.from([...s].sort((a, b) => a - b));
  return {
    history: {
      items: Int32Array.from(entries.map((e) => e[0])),
      weights: Float32Array.from(entries.map((e) => e[1])),
    },
    seen: sorted(seen),
    purchased: sorted(purchased),
    inCart: sorted(cart),
    unknownItemIds: [...unknown],
  };
}

/** History from plain arrays (e.g. a CSR row); weights default to 1. */
export function createHistory(items: ArrayLike<number>, weights?: ArrayLike<number>): UserHistory {
  return {
    items: Int32Array.from(items),
    weights: weights ? Float32Array.from(weights) : new Float32Array(items.length).fill(1),
  };
}
