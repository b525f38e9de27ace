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
    pendingMark: sessionMark('glimpse-pwa-apply-update'),
  });
  flow.subscribe(handlers);
  return flow;
}

/** True once the user clicked "Reload" for a new version; false when no service worker was registered. */
export function isApplyingUpdate(): boolean {
  return flow?.applying ?? false;
}

function sessionMark(key: string): { set(): void; take(): boolean } {
  return {
    set: () => {
      try {
        sessionStorage.setItem(key, '1');
      } catch {
        // Storage blocked: the user clicks "Reload" once more after the fallback reload.
      }
    },
    take: () => {
      try {
        const marked = sessionStorage.getItem(key) === '1';
        sessionStorage.removeItem(key);
        return marked;
      } catch {
        return false;
      }
    },
  };
}
