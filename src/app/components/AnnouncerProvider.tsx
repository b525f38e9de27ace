import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { AnnouncerContext, type Announcement } from '../hooks/useAnnouncer';

const VISIBLE_MS = 4000;

/** Visible toast + polite live region for confirmations ("Liked …") and errors. */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<Announcement | null>(null);
  const announce = useCallback((text: string, tone: Announcement['tone'] = 'info') => {
    setCurrent((prev) => ({ id: (prev?.id ?? 0) + 1, text, tone }));
  }, []);

  useEffect(() => {
    if (!current) return;
    const timer = window.setTimeout(() => setCurrent((c) => (c?.id === current.id ? null : c)), VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [current]);

  return (
    <AnnouncerContext value={announce}>
      {children}
      <div className="toast-region" role="status" aria-live="polite">
        {current && (
          <p key={current.id} className={`toast toast--${current.tone}`} data-testid="toast">
            {current.text}
          </p>
        )}
      </div>
    </AnnouncerContext>
  );
}
