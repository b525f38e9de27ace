import { createContext, use, useEffect, useState, type ReactNode } from 'react';
import type { Catalog } from '../../core/catalog/schema';
import type { Progress, RecsClient, TrainingStatus } from './recs-client';
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

/** Background retraining as the engine reports it (undefined until the first answer); live. */
export function useTraining(): TrainingStatus | undefined {
  const client = useRecsClient();
  const [training, setTraining] = useState<TrainingStatus | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    // An event that arrives before the first answer is newer than it: the answer must not overwrite it.
    let heard = false;
    const unsubscribe = client.subscribe((e) => {
      if (e.type !== 'training' || !alive) return;
      heard = true;
      setTraining(e.training);
    });
    client.training().then(
      (t) => alive && !heard && setTraining(t),
      () => undefined,
    );
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [client]);
  return training;
}
