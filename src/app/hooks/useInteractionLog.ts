import { createContext, use } from 'react';
import type { Interaction, InteractionKind } from '../../core/data/interactions';

/** What the UI knows about one item from the log. */
export interface ItemInteractionState {
  liked: boolean;
  saved: boolean;
  inCart: number;
  purchased: boolean;
  dismissed: boolean;
}

export const EMPTY_ITEM_STATE: ItemInteractionState = { liked: false, saved: false, inCart: 0, purchased: false, dismissed: false };

export interface InteractionLog {
  events: readonly Interaction[];
  /** False until the log has been read once (an empty `events` before that means "unknown", not "new"). */
  loaded: boolean;
  byItem: ReadonlyMap<string, ItemInteractionState>;
  totals: { liked: number; saved: number; inCart: number; purchased: number; dismissed: number };
  /** Records one event for an item and announces it; failures are announced, never thrown. */
  record: (kind: InteractionKind, item: { id: string; title: string }, value?: number) => Promise<boolean>;
}

/** Folds the log into per-item UI state and header totals. */
export function summariseLog(events: readonly Interaction[]): Pick<InteractionLog, 'byItem' | 'totals'> {
  const byItem = new Map<string, ItemInteractionState>();
  for (const e of events) {
    const s = { ...(byItem.get(e.itemId) ?? EMPTY_ITEM_STATE) };
    if (e.kind === 'like') s.liked = true;
    else if (e.kind === 'save') s.saved = true;
    else if (e.kind === 'add-to-cart') s.inCart += 1;
    else if (e.kind === 'purchase') s.purchased = true;
    else if (e.kind === 'dismiss' || e.kind === 'not-interested') s.dismissed = true;
    byItem.set(e.itemId, s);
  }
  const totals = { liked: 0, saved: 0, inCart: 0, purchased: 0, dismissed: 0 };
  for (const s of byItem.values()) {
    totals.liked += Number(s.liked);
    totals.saved += Number(s.saved);
    totals.inCart += s.inCart;
    totals.purchased += Number(s.purchased);
    totals.dismissed += Number(s.dismissed);
  }
  return { byItem, totals };
}

export const InteractionLogContext = createContext<InteractionLog | null>(null);

export function useInteractionLog(): InteractionLog {
  const log = use(InteractionLogContext);
  if (!log) throw new Error('useInteractionLog() needs an <InteractionLogProvider> above it');
  return log;
}

export function useItemInteractions(itemId: string): ItemInteractionState {
  return useInteractionLog().byItem.get(itemId) ?? EMPTY_ITEM_STATE;
}
