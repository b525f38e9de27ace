import { createContext, use } from 'react';

export interface Announcement {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

/** Shows a short visible confirmation that screen readers also hear (a polite live region). */
export type Announce = (text: string, tone?: Announcement['tone']) => void;

export const AnnouncerContext = createContext<Announce | null>(null);

export function useAnnounce(): Announce {
  const announce = use(AnnouncerContext);
  if (!announce) throw new Error('useAnnounce() needs an <AnnouncerProvider> above it');
  return announce;
}
