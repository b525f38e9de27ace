import { createContext, use, type ReactNode } from 'react';
import type { PrivacyActions } from '../../worker/app-adapters';
import type { InteractionSink } from './interactions';

/** Everything the app talks to outside React. Injected at the root so tests and storage can swap them. */
export interface Services {
  interactions: InteractionSink;
  /** Used to fetch the catalog; injectable for tests. */
  fetch: typeof fetch;
  /** Export / import / delete everything (the worker client); the panel is hidden without it. */
  privacy?: PrivacyActions;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext value={services}>{children}</ServicesContext>;
}

export function useServices(): Services {
  const services = use(ServicesContext);
  if (!services) throw new Error('useServices() needs a <ServicesProvider> above it');
  return services;
}
