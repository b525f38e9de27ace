import {
  DEFAULT_EVENT_WEIGHTS,
  interactionWeight,
  type Interaction,
  type InteractionKind,
} from '../data/interactions';

export const DAY_MS = 86_400_000;

export interface WeightingOptions {
  /** An event's weight halves every `halfLifeDays` (taste drifts; last month's likes count less). */
  halfLifeDays: number;
  weights: Readonly<Record<InteractionKind, number>>;
}

export const DEFAULT_WEIGHTING: WeightingOptions = { halfLifeDays: 30, weights: DEFAULT_EVENT_WEIGHTS };

/** 0.5^(age / halfLife); events from the future (clock skew) count fully, never more. */
export function decayFactor(ageMs: number, halfLifeDays: number): number {
  if (!(halfLifeDays > 0) || ageMs <= 0) return 1;
  return Math.pow(0.5, ageMs / (halfLifeDays * DAY_MS));
}

/** Signed event weight (core event weights) times time decay as seen at `now`. */
export function effectiveWeight(
  event: Interaction,
  now: number,
  options: WeightingOptions = DEFAULT_WEIGHTING,
): number {
  return interactionWeight(event, options.weights) * decayFactor(now - event.at, options.halfLifeDays);
}
