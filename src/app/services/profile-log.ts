import type { InteractionSink } from './interactions';
import type { HistoryEntry } from './recs-client';

/**
 * The shopper's private log as the screens need it, implemented over the worker's IndexedDB store
 * (worker-profile-log.ts).
 */
export interface ProfileLog extends InteractionSink {
  history(): Promise<HistoryEntry[]>;
  remove(id: string): Promise<void>;
  paused(): Promise<boolean>;
  setPaused(paused: boolean): Promise<void>;
  exportJson(): Promise<string>;
  /** Number of events added. Rejects with a typed error for a bad file; nothing changes then. */
  importJson(text: string): Promise<number>;
  wipe(): Promise<void>;
  /** Any change (here or in another tab). */
  onChange(listener: () => void): () => void;
}
