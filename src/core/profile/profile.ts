import type { Interaction } from '../data/interactions';
import { DEFAULT_WEIGHTING, effectiveWeight, type WeightingOptions } from './decay';
import { buildAttributePreferences, type AttributePreferences, type ItemFacts } from './preferences';
import { buildTasteAccumulator, tasteVector, type TasteAccumulator } from './taste';

/** The user-editable profile settings (stored by the storage layer). */
export interface ProfileControls {
  /** While paused nothing new is recorded or learned. */
  paused: boolean;
  /** Events before this instant are ignored (set by reset; an import may carry older ones). */
  resetAt?: number;
}

export interface ItemAffinity {
  itemId: string;
  /** Signed decayed weight of all events on the item. */
  weight: number;
  lastAt: number;
}

export interface Profile {
  /** Number of events that count (after reset filtering). */
  events: number;
  /** Items by summed decayed weight, strongest first (positive = liked, negative = "less like this"). */
  items: ItemAffinity[];
  preferences: AttributePreferences;
  taste: TasteAccumulator | undefined;
  /** Unit taste direction for ranking, if there is any visual signal. */
  tasteVector: Float32Array | undefined;
  paused: boolean;
}

export interface ProfileInputs {
  factsOf: (itemId: string) => ItemFacts | undefined;
  embeddingOf?: (itemId: string) => Float32Array | undefined;
  dims?: number;
  now: number;
  weighting?: WeightingOptions;
}

/** The events that count for learning under the controls. */
export function countedEvents<E extends Interaction>(log: readonly E[], controls: ProfileControls): E[] {
  return controls.resetAt === undefined ? [...log] : log.filter((e) => e.at >= controls.resetAt!);
}

/** Builds the whole profile from the interaction log (pure: same inputs, same profile). */
export function buildProfile(
  log: readonly Interaction[],
  controls: ProfileControls,
  inputs: ProfileInputs,
): Profile {
  const weighting = inputs.weighting ?? DEFAULT_WEIGHTING;
  const events = countedEvents(log, controls);
  const byItem = new Map<string, ItemAffinity>();
  for (const e of events) {
    const a = byItem.get(e.itemId) ?? { itemId: e.itemId, weight: 0, lastAt: 0 };
    a.weight += effectiveWeight(e, inputs.now, weighting);
    a.lastAt = Math.max(a.lastAt, e.at);
    byItem.set(e.itemId, a);
  }
  const taste =
    inputs.embeddingOf && inputs.dims
      ? buildTasteAccumulator(events, inputs.embeddingOf, inputs.dims, weighting)
      : undefined;
  return {
    events: events.length,
    items: [...byItem.values()]
      .filter((a) => a.weight !== 0)
      .sort((a, b) => b.weight - a.weight || b.lastAt - a.lastAt),
    preferences: buildAttributePreferences(events, inputs.factsOf, inputs.now, weighting),
    taste,
    tasteVector: taste && tasteVector(taste),
    paused: controls.paused,
  };
}

/** "Less like this": the negative signal recorded for an item. */
export function lessLikeThis(itemId: string, at: number): Interaction {
  return { kind: 'not-interested', itemId, at };
}

/** Whether a new event may be recorded and learned from. */
export function shouldLearn(controls: ProfileControls): boolean {
  return !controls.paused;
}
