import { auc } from '../core/metrics';
import type { Profile } from '../core/profile';
import type { TrainingReport, TrainingTrigger, TrainingView } from './protocol';
import type { ItemView } from './ports';

/** Background retrain delay when the shopper has not chosen one (the UI offers 2 s .. 1 min, or off). */
export const DEFAULT_RETRAIN_DELAY_MS = 20_000;
/** Runs kept for Insights (in memory: writing them to storage would wake every other tab per retrain). */
const HISTORY = 20;
/** Longest accepted delay: a day. Anything longer is a mistake, not a setting. */
export const MAX_RETRAIN_DELAY_MS = 86_400_000;

/**
 * In-sample AUC of a score vector: items the profile likes (affinity > 0) against every other item with an
 * embedding. Undefined when there is nothing to compare (no likes, or everything liked).
 */
export function inSampleAuc(
  scores: Float32Array | undefined,
  items: readonly ItemView[],
  profile: Profile,
): TrainingReport['auc'] {
  if (!scores) return undefined;
  const liked = new Set(profile.items.filter((a) => a.weight > 0).map((a) => a.itemId));
  const relevant = new Set<number>();
  const mask = new Uint8Array(items.length);
  items.forEach((item, i) => {
    if (!item.embedding) mask[i] = 1;
    else if (liked.has(item.itemId)) relevant.add(i);
  });
  const value = auc(scores, relevant, mask);
  return Number.isFinite(value) ? { value, kind: 'in-sample' } : undefined;
}

/** What is queued, running and was done; the service owns the timer and calls these as it goes. */
export class TrainingTracker {
  retrainDelayMs: number;
  queued: TrainingView['queued'];
  running: TrainingView['running'];
  private readonly history: TrainingReport[] = [];

  constructor(retrainDelayMs: number) {
    this.retrainDelayMs = retrainDelayMs;
  }

  start(trigger: TrainingTrigger, startedAt: number): void {
    this.queued = undefined;
    this.running = { trigger, startedAt, done: 0, total: 1 };
  }

  progress(done: number, total: number): void {
    if (this.running) this.running = { ...this.running, done, total };
  }

  finish(report?: TrainingReport): void {
    this.running = undefined;
    if (!report) return;
    this.history.push(report);
    if (this.history.length > HISTORY) this.history.splice(0, this.history.length - HISTORY);
  }

  clear(): void {
    this.queued = undefined;
    this.running = undefined;
    this.history.length = 0;
  }

  view(): TrainingView {
    const last = this.history.at(-1);
    return {
      retrainDelayMs: this.retrainDelayMs,
      ...(this.queued ? { queued: { ...this.queued } } : {}),
      ...(this.running ? { running: { ...this.running } } : {}),
      ...(last ? { last: { ...last } } : {}),
      history: this.history.map((r) => ({ ...r })),
    };
  }
}

/** Validates a requested delay: a whole number of milliseconds from 0 (off) to a day. */
export function isRetrainDelay(ms: unknown): ms is number {
  return typeof ms === 'number' && Number.isInteger(ms) && ms >= 0 && ms <= MAX_RETRAIN_DELAY_MS;
}
