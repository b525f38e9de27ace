import { createUpdateFlow, holdAppAfterUpdateReload, type GlimpseSW, type PwaUpdateHandlers } from './update-flow';

const APPLY_MARK = 'glimpse-pwa-apply-update';

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
    pendingMark: sessionMark(APPLY_MARK),
  });
  flow.subscribe(handlers);
  return flow;
}

/** True once the user clicked "Reload" for a new version; false when no service worker was registered. */
export function isApplyingUpdate(): boolean {
  return flow?.applying ?? false;
}

/**
 * Resolves when the app may start: at once, unless this page was opened by the update watchdog's reload
 * (then the waiting version gets the page to itself first; see holdAppAfterUpdateReload).
 */
export function appMayStart(): Promise<void> {
  let marked = false;
  try {
    marked = 'serviceWorker' in navigator && sessionStorage.getItem(APPLY_MARK) === '1';
  } catch {
    // Storage blocked: no mark could have been set either.
  }
  return holdAppAfterUpdateReload(marked);
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
