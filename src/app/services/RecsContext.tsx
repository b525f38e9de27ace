import { createContext, use, useEffect, useState, type ReactNode } from 'react';
import type { Catalog } from '../../core/catalog/schema';
import type { Progress, RecsClient } from './recs-client';
import { useServices } from './ServicesContext';

const RecsContext = createContext<RecsClient | null>(null);

/** Creates the engine client for the loaded catalog (once per catalog) and shares it with the screens. */
export function RecsProvider({ catalog, catalogKey, children }: { catalog: Catalog; catalogKey: string; children: ReactNode }) {
  const { createRecs } = useServices();
  const [client] = useState(() => createRecs(catalog, catalogKey));
  return <RecsContext value={client}>{children}</RecsContext>;
}

export function useRecsClient(): RecsClient {
  const client = use(RecsContext);
  if (!client) throw new Error('useRecsClient() needs a <RecsProvider> above it');
  return client;
}

/** Progress of long engine work (feature extraction, training, import), or null when idle. */
export function useRecsProgress(): Progress | null {
  const client = useRecsClient();
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => client.subscribe((e) => e.type === 'progress' && setProgress(e.progress)), [client]);
  return progress;
}
