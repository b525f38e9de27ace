import { useEffect, useRef } from 'react';
import { useServices } from '../services/ServicesContext';

/**
 * Records a `view` when a product page opens and a `dwell` (seconds) when it closes: the weak signals
 * the recommender learns from besides the buttons.
 */
export function useItemView(itemId: string | undefined): void {
  const { interactions } = useServices();
  const opened = useRef(0);
  useEffect(() => {
    if (!itemId) return;
    opened.current = Date.now();
    void interactions.record({ kind: 'view', itemId, at: opened.current }).catch(() => undefined);
    return () => {
      const seconds = Math.round((Date.now() - opened.current) / 100) / 10;
      void interactions.record({ kind: 'dwell', itemId, at: Date.now(), value: seconds }).catch(() => undefined);
    };
  }, [itemId, interactions]);
}
