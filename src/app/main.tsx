import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { catalogUrlFromLocation } from './services/catalog';
import { createLocalRecsClient } from './services/local-engine/local-recs-client';
import { createLocalStore } from './services/local-engine/local-store';
import type { RecsClient } from './services/recs-client';
import type { Services } from './services/ServicesContext';
import './styles.css';

// The composition root: the only place that picks implementations. The worker client replaces the
// local store and the local recs client here once it lands (see services/recs-client.ts).
if ('scrollRestoration' in window.history) window.history.scrollRestoration = 'manual'; // App restores the grid position itself
const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return undefined; // Storage blocked: the profile lives for this page only.
  }
})();
const store = createLocalStore(storage);
const fetchImpl = window.fetch.bind(window);
const clients = new Map<string, RecsClient>();
const services: Services = {
  interactions: store,
  fetch: fetchImpl,
  createRecs: (catalog, catalogKey) => {
    // One client per catalog even when React (StrictMode) calls the factory twice.
    let client = clients.get(catalogKey);
    if (!client) clients.set(catalogKey, (client = createLocalRecsClient({ catalog, catalogKey, store, fetch: fetchImpl, cache: storage })));
    return client;
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
