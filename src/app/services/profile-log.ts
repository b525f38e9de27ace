import type { InteractionSink } from './interactions';
import type { HistoryEntry } from './recs-client';
import type { LocalStore } from './local-engine/local-store';

/**
 * The shopper's private log as the in-page recommender needs it. Two implementations: the worker's
 * IndexedDB store (worker-profile-log.ts, the default) and the localStorage store (local-store.ts, for
 * tests and as a fallback).
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

export function profileLogFromLocalStore(store: LocalStore): ProfileLog {
  return {
    record: (e) => store.record(e),
    list: () => store.list(),
    subscribe: (l) => store.subscribe(l),
    history: async () => store.history(),
    remove: async (id) => store.remove(id),
    paused: async () => store.paused(),
    setPaused: async (p) => store.setPaused(p),
    exportJson: async () => store.exportJson(),
    importJson: async (text) => store.importJson(text),
    wipe: async () => store.wipe(),
    onChange: (l) => store.onChange(l),
  };
}
