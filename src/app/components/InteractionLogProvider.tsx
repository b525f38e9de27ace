import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Interaction, InteractionKind } from '../../core/data/interactions';
import { useAnnounce } from '../hooks/useAnnouncer';
import { InteractionLogContext, summariseLog, type InteractionLog } from '../hooks/useInteractionLog';
import { useServices } from '../services/ServicesContext';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const CONFIRMATIONS: Partial<Record<InteractionKind, MessageKey>> = {
  like: 'confirm.liked',
  save: 'confirm.saved',
  'add-to-cart': 'confirm.cart',
  purchase: 'confirm.purchased',
  dismiss: 'confirm.dismissed',
  'not-interested': 'confirm.notInterested',
};

/** Mirrors the injected InteractionSink into React state (one list + one subscription for the whole app). */
export function InteractionLogProvider({ children }: { children: ReactNode }) {
  const { interactions } = useServices();
  const announce = useAnnounce();
  const { t } = useI18n();
  const [events, setEvents] = useState<readonly Interaction[]>([]);
  const [loaded, setLoaded] = useState(false);
  const latestRequest = useRef(0);

  useEffect(() => {
    let live = true;
    const refresh = () => {
      const request = ++latestRequest.current;
      interactions.list().then(
        (list) => {
          if (live && request === latestRequest.current) {
            setEvents(list);
            setLoaded(true);
          }
        },
        // Unreadable log: screens stop waiting for it (recording still reports its own errors).
        () => live && setLoaded(true),
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
        const confirmation = CONFIRMATIONS[kind];
        if (confirmation) announce(t(confirmation, { item: item.title }));
        return true;
      } catch (err) {
        announce(t('confirm.failed', { item: item.title, message: err instanceof Error ? err.message : String(err) }), 'error');
        return false;
      }
    },
    [interactions, announce, t],
  );

  const value = useMemo<InteractionLog>(() => ({ events, loaded, record, ...summariseLog(events) }), [events, loaded, record]);
  return <InteractionLogContext value={value}>{children}</InteractionLogContext>;
}
