import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { catalogUrlFromLocation } from './services/catalog';
import { createPrivacyActions, createStoredInteractionSink } from '../worker/app-adapters';
import { createGlimpseClient } from '../worker/client';
import './styles.css';

// The composition root: the only place that picks implementations. Storage swaps the sink here.
if ('scrollRestoration' in window.history) window.history.scrollRestoration = 'manual'; // App restores the grid position itself
// The engine service runs in a Worker (in-process if that fails); the log is durable in IndexedDB.
const client = createGlimpseClient();
const services = {
  interactions: createStoredInteractionSink(client),
  privacy: createPrivacyActions(client),
  fetch: window.fetch.bind(window),
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
