import { isInteractionKind, type Interaction } from '../../core/data/interactions';

/**
 * The one seam through which the app records what a shopper does. The in-memory sink below is the
 * placeholder; the storage layer provides an IndexedDB-backed implementation (through the worker
 * client) with the same interface, injected via ServicesProvider. Components never construct a sink.
 */
export interface InteractionSink {
  /** Appends one event. Rejects with InteractionError for a malformed event; nothing is stored then. */
  record(event: Interaction): Promise<void>;
  /** Every recorded event, oldest first. */
  list(): Promise<readonly Interaction[]>;
  /**
   * Called once after each change to the log: a successful record(), or a change made elsewhere (another
   * tab, an import); list() then includes it. Returns the unsubscribe function.
   */
  subscribe(listener: () => void): () => void;
}

export class InteractionError extends Error {
  override name = 'InteractionError';
}

/** Throws InteractionError naming the bad field; shared by every sink implementation. */
export function checkInteraction(event: Interaction): Interaction {
  if (!event || typeof event !== 'object') throw new InteractionError('An interaction must be an object');
  if (!isInteractionKind(event.kind)) throw new InteractionError(`Unknown interaction kind "${String(event.kind)}"`);
  if (typeof event.itemId !== 'string' || !event.itemId) throw new InteractionError('Interaction itemId must be a non-empty string');
  if (!Number.isFinite(event.at)) throw new InteractionError(`Interaction "at" must be epoch milliseconds, got ${String(event.at)}`);
  if (event.value !== undefined && !Number.isFinite(event.value)) {
    throw new InteractionError(`Interaction value must be a finite number, got ${String(event.value)}`);
  }
  return event;
}

/** Keeps events in memory for this page's lifetime (lost on reload until storage lands). */
export function createMemoryInteractionSink(initial: readonly Interaction[] = []): InteractionSink {
  const events: Interaction[] = initial.map((e) => ({ ...checkInteraction(e) }));
  const listeners = new Set<() => void>();
  return {
    async record(event) {
      events.push({ ...checkInteraction(event) });
      for (const listener of [...listeners]) listener();
    },
    async list() {
      return events.map((e) => ({ ...e }));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
