import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Interaction, InteractionKind } from '../../core/data/interactions';
import { useAnnounce } from '../hooks/useAnnouncer';
import { InteractionLogContext, summariseLog, type InteractionLog } from '../hooks/useInteractionLog';
import { useServices } from '../services/ServicesContext';

const CONFIRMATIONS: Partial<Record<InteractionKind, string>> = {
  like: 'Liked',
  save: 'Saved',
  'add-to-cart': 'Added to cart:',
  purchase: 'Purchased',
  dismiss: 'Dismissed',
};

/** Mirrors the injected InteractionSink into React state (one list + one subscription for the whole app). */
export function InteractionLogProvider({ children }: { children: ReactNode }) {
  const { interactions } = useServices();
  const announce = useAnnounce();
  const [events, setEvents] = useState<readonly Interaction[]>([]);
  const latestRequest = useRef(0);

  useEffect(() => {
    let live = true;
    const refresh = () => {
      const request = ++latestRequest.current;
      interactions.list().then(
        (list) => {
          if (live && request === latestRequest.current) setEvents(list);
        },
        () => undefined,
      );
    };
    const unsubscribe = interactions.subscribe(refresh);
    refresh();
    return () => {
      live = false;
      unsubscribe();
    };
  }, [interactions]);

  const record = useCallback<InteractionLog['record']>(
    async (kind, item, value) => {
      try {
        await interactions.record({ kind, itemId: item.id, at: Date.now(), ...(value === undefined ? {} : { value }) });
        const verb = CONFIRMATIONS[kind];
        if (verb) announce(`${verb} “${item.title}”`);
        return true;
      } catch (err) {
        announce(`Could not record ${kind} for “${item.title}”: ${err instanceof Error ? err.message : String(err)}`, 'error');
        return false;
      }
    },
    [interactions, announce],
  );

  const value = useMemo<InteractionLog>(() => ({ events, record, ...summariseLog(events) }), [events, record]);
  return <InteractionLogContext value={value}>{children}</InteractionLogContext>;
}
