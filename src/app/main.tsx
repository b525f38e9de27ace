import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { catalogUrlFromLocation } from './services/catalog';
import { createPrivacyActions } from '../worker/app-adapters';
import { createGlimpseClient } from '../worker/client';
import type { RecsClient } from './services/recs-client';
import type { Services } from './services/ServicesContext';
import { createWorkerProfileLog } from './services/worker-profile-log';
import { createWorkerRecsClient } from './services/worker-recs-client';
import { holdDuringUpdate } from '../pwa/hold-during-update';
import { appMayStart, isApplyingUpdate } from '../pwa/register-sw';
import './styles.css';

// The composition root: the only place that picks implementations.
if ('scrollRestoration' in window.history) window.history.scrollRestoration = 'manual'; // App restores the grid position itself
// A page opened to finish an update waits for the new version before its worker fetches anything.
void appMayStart().then(start);

function start(): void {
  // The engine service runs in a Worker (in-process if that fails); the log is durable in IndexedDB.
  const client = createGlimpseClient();
  const log = createWorkerProfileLog(client);
  // Background fetches pause once the user applies a new version (the page reloads next).
  const fetchImpl = holdDuringUpdate(window.fetch.bind(window), isApplyingUpdate);
  // Recommendations come from the same worker (catalog, precomputed features, taste model, explanations);
  // the page fetches no catalog image itself. One client per catalog, even under StrictMode.
  const clients = new Map<string, RecsClient>();
  const services: Services = {
    interactions: log,
    privacy: createPrivacyActions(client),
    fetch: fetchImpl,
    createRecs: (catalog, catalogKey) => {
      let recs = clients.get(catalogKey);
      if (!recs) clients.set(catalogKey, (recs = createWorkerRecsClient({ catalog, catalogKey, client, log })));
      return recs;
    },
  };
  let catalogUrl: URL | Error;
  try {
    catalogUrl = catalogUrlFromLocation(window.location.href, import.meta.env.BASE_URL);
  } catch (err) {
    catalogUrl = err instanceof Error ? err : new Error(String(err));
  }

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App services={services} catalogUrl={catalogUrl} />
    </StrictMode>,
  );
}
