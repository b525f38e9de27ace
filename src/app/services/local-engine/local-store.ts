import type { Interaction } from '../../../core/data/interactions';
import { checkInteraction, type InteractionSink } from '../interactions';
import { RecsClientError, type HistoryEntry } from '../recs-client';

/**
 * The interim private log: the shopper's events and controls in localStorage (same origin, never sent).
 * The worker's IndexedDB store replaces it; until then this keeps "reload keeps the feed" true.
 * Change EXPORT_FORMAT only with a reader for the old one.
 */
export const LOCAL_STORE_KEY = 'glimpse.local-profile.v1';
export const EXPORT_FORMAT = 'glimpse-profile-export';

interface Persisted {
  events: HistoryEntry[];
  paused: boolean;
  nextId: number;
}

/** Minimal Storage so tests can pass a Map-backed fake. */
export type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface LocalStore extends InteractionSink {
  history(): HistoryEntry[];
  remove(id: string): void;
  paused(): boolean;
  setPaused(paused: boolean): void;
  exportJson(): string;
  importJson(text: string): number;
  wipe(): void;
  /** Any change at all (record, remove, pause, import, wipe). */
  onChange(listener: () => void): () => void;
}

function read(storage: KeyValue | undefined): Persisted {
  const empty: Persisted = { events: [], paused: false, nextId: 1 };
  const raw = storage?.getItem(LOCAL_STORE_KEY);
  if (!raw) return empty;
  try {
    const parsed = JSON.parse(raw) as Persisted;
    if (!Array.isArray(parsed.events)) return empty;
    return { events: parsed.events, paused: Boolean(parsed.paused), nextId: Number(parsed.nextId) || parsed.events.length + 1 };
  } catch {
    return empty; // A corrupt record loses the log rather than the app.
  }
}

export function createLocalStore(storage: KeyValue | undefined): LocalStore {
  let state = read(storage);
  const recordListeners = new Set<(event: Interaction) => void>();
  const changeListeners = new Set<() => void>();
  const save = () => {
    storage?.setItem(LOCAL_STORE_KEY, JSON.stringify(state));
    for (const l of [...changeListeners]) l();
  };
  const strip = ({ id: _id, ...event }: HistoryEntry): Interaction => event;

  return {
    async record(event) {
      const checked = checkInteraction(event);
      if (state.paused) return; // Paused: nothing new is recorded or learned.
      const entry = { ...checked, id: String(state.nextId) };
      state = { ...state, events: [...state.events, entry], nextId: state.nextId + 1 };
      save();
      for (const l of [...recordListeners]) l({ ...checked });
    },
    async list() {
      return state.events.map(strip);
    },
    subscribe(listener) {
      recordListeners.add(listener);
      return () => recordListeners.delete(listener);
    },
    history: () => state.events.map((e) => ({ ...e })),
    remove(id) {
      state = { ...state, events: state.events.filter((e) => e.id !== id) };
      save();
      for (const l of [...recordListeners]) l({ kind: 'view', itemId: '', at: Date.now() });
    },
    paused: () => state.paused,
    setPaused(paused) {
      state = { ...state, paused };
      save();
    },
    exportJson: () =>
      JSON.stringify({ format: EXPORT_FORMAT, version: 1, exportedAt: new Date().toISOString(), paused: state.paused, events: state.events.map(strip) }, null, 1),
    importJson(text) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new RecsClientError('This file is not a Glimpse export (not JSON). Nothing was changed.');
      }
      const file = parsed as { format?: unknown; events?: unknown };
      if (file.format !== EXPORT_FORMAT || !Array.isArray(file.events)) {
        throw new RecsClientError('This file is not a Glimpse export. Nothing was changed.');
      }
      const events = file.events.map((e, i) => {
        try {
          return checkInteraction(e as Interaction);
        } catch (err) {
          throw new RecsClientError(`Event ${i + 1} in the file is invalid (${(err as Error).message}). Nothing was changed.`);
        }
      });
      const seen = new Set(state.events.map((e) => `${e.kind}|${e.itemId}|${e.at}`));
      let nextId = state.nextId;
      const added: HistoryEntry[] = [];
      for (const e of events) {
        const key = `${e.kind}|${e.itemId}|${e.at}`;
        if (seen.has(key)) continue;
        seen.add(key);
        added.push({ ...e, id: String(nextId++) });
      }
      state = { ...state, events: [...state.events, ...added].sort((a, b) => a.at - b.at), nextId };
      save();
      for (const l of [...recordListeners]) l({ kind: 'view', itemId: '', at: Date.now() });
      return added.length;
    },
    wipe() {
      state = { events: [], paused: false, nextId: 1 };
      storage?.removeItem(LOCAL_STORE_KEY);
      for (const l of [...changeListeners]) l();
      for (const l of [...recordListeners]) l({ kind: 'view', itemId: '', at: Date.now() });
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
  };
}
