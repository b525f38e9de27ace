/**
 * The one typed event API for what a shopper does. Every screen, the widget's `track()` and the
 * storage log speak this type. Stored records carry it verbatim: change only with a storage migration.
 */
export const INTERACTION_KINDS = [
  'view',
  'dwell',
  'like',
  'save',
  'add-to-cart',
  'purchase',
  'rating',
  'dismiss',
  'not-interested',
] as const;

export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export interface Interaction {
  kind: InteractionKind;
  itemId: string;
  /** Epoch milliseconds. */
  at: number;
  /** rating: 1..5 stars; dwell: seconds on the product page. */
  value?: number;
}

/**
 * Default implicit-feedback weight per kind: positive means "more like this", negative "less".
 * Ratings are mapped by value (see interactionWeight). Dwell counts only past a few seconds.
 */
export const DEFAULT_EVENT_WEIGHTS: Readonly<Record<InteractionKind, number>> = {
  view: 0.2,
  dwell: 0.3,
  like: 1,
  save: 1.2,
  'add-to-cart': 1.5,
  purchase: 2,
  rating: 1,
  dismiss: -0.7,
  'not-interested': -1,
};

/** Signed weight of one interaction under the given weights (rating 3 is neutral, 5 strongly positive). */
export function interactionWeight(
  event: Interaction,
  weights: Readonly<Record<InteractionKind, number>> = DEFAULT_EVENT_WEIGHTS,
): number {
  if (event.kind === 'rating') return weights.rating * (((event.value ?? 3) - 3) / 2);
  if (event.kind === 'dwell') return (event.value ?? 0) >= 5 ? weights.dwell : 0;
  return weights[event.kind];
}

export function isInteractionKind(x: unknown): x is InteractionKind {
  return typeof x === 'string' && (INTERACTION_KINDS as readonly string[]).includes(x);
}
