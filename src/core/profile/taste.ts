import type { Interaction } from '../data/interactions';
import { DAY_MS, DEFAULT_WEIGHTING, decayFactor, effectiveWeight, type WeightingOptions } from './decay';

/**
 * The visual taste vector: the decayed, signed, weighted mean of the embeddings of items the user
 * interacted with, L2-normalised. Negative events push away from what was dismissed.
 *
 * Kept as a running sum so one new event updates it in O(dims) (fold-in): decaying the sum by the time
 * elapsed since the last update and adding the new term gives the same direction as recomputing from the
 * whole log (the common decay factor cancels in the normalisation).
 */
export interface TasteAccumulator {
  sum: Float32Array;
  /** Σ |w| at time `at` (for the magnitude-free mean). */
  mass: number;
  /** Time the sum is expressed at (epoch ms). */
  at: number;
}

export function createTasteAccumulator(dims: number, at = 0): TasteAccumulator {
  return { sum: new Float32Array(dims), mass: 0, at };
}

/** Returns a new accumulator with one event folded in (pure; the input is not modified). */
export function foldInTaste(
  acc: TasteAccumulator,
  event: Interaction,
  embedding: Float32Array | undefined,
  options: WeightingOptions = DEFAULT_WEIGHTING,
): TasteAccumulator {
  if (!embedding || embedding.length !== acc.sum.length) return acc;
  const at = Math.max(acc.at, event.at);
  const carry = decayFactor(at - acc.at, options.halfLifeDays);
  const w = effectiveWeight(event, at, options);
  const sum = new Float32Array(acc.sum.length);
  for (let i = 0; i < sum.length; i++) sum[i] = acc.sum[i] * carry + w * embedding[i];
  return { sum, mass: acc.mass * carry + Math.abs(w), at };
}

/** Batch build over the whole log (same result as folding the events in one by one). */
export function buildTasteAccumulator(
  events: readonly Interaction[],
  embeddingOf: (itemId: string) => Float32Array | undefined,
  dims: number,
  options: WeightingOptions = DEFAULT_WEIGHTING,
): TasteAccumulator {
  let acc = createTasteAccumulator(dims);
  for (const e of [...events].sort((a, b) => a.at - b.at))
    acc = foldInTaste(acc, e, embeddingOf(e.itemId), options);
  return acc;
}

/** The unit-length taste direction, or undefined when there is no signal yet. */
export function tasteVector(acc: TasteAccumulator): Float32Array | undefined {
  let norm = 0;
  for (const v of acc.sum) norm += v * v;
  norm = Math.sqrt(norm);
  if (acc.mass === 0 || norm < 1e-12) return undefined;
  return acc.sum.map((v) => v / norm);
}

/** Cosine of an item embedding to the taste vector (embeddings are L2-normalised by the extractor). */
export function tasteScore(taste: Float32Array, embedding: Float32Array): number {
  let dot = 0,
    nn = 0;
  for (let i = 0; i < taste.length; i++) {
    dot += taste[i] * embedding[i];
    nn += embedding[i] * embedding[i];
  }
  return nn > 0 ? dot / Math.sqrt(nn) : 0;
}

export { DAY_MS };
