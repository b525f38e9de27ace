import { createUpdateFlow, type GlimpseSW, type PwaUpdateHandlers } from './update-flow';

let flow: GlimpseSW | undefined;

/**
 * Registers the Glimpse service worker once per page and subscribes `handlers` to its update flow.
 * Safe to call from several places (boot toast, a React hook): one registration, many listeners.
 */
export function registerGlimpseSW(handlers: PwaUpdateHandlers = {}): GlimpseSW {
  flow ??= createUpdateFlow({
    // Loaded lazily so importing src/pwa never touches the virtual module (Node tests, SSR).
    loadRegisterSW: () => import('virtual:pwa-register').then((m) => m.registerSW),
    container: 'serviceWorker' in navigator ? navigator.serviceWorker : undefined,
    reload: () => window.location.reload(),
    isOnline: () => navigator.onLine,
  });
  flow.subscribe(handlers);
  return flow;
}
