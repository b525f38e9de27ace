/**
 * The update flow around vite-plugin-pwa's `registerSW` (registerType 'prompt'), framework-free and
 * testable with an injected `registerSW`. A new service worker installs in the background and waits;
 * subscribers hear `onNeedRefresh`; only `applyUpdate()` (call it from the user's click) tells it to
 * take over, and the page reloads once it controls. State lives in IndexedDB, so the reload loses nothing.
 */

/** The shape of `registerSW` from `virtual:pwa-register`. */
export interface RegisterSWOptions {
  immediate?: boolean;
  onNeedReload?: () => void;
  onNeedRefresh?: () => void;
  onOfflineReady?: () => void;
  onRegisteredSW?: (swScriptUrl: string, registration: ServiceWorkerRegistration | undefined) => void;
  onRegisterError?: (error: unknown) => void;
}
export type RegisterSW = (options: RegisterSWOptions) => (reloadPage?: boolean) => Promise<void>;

export interface PwaUpdateHandlers {
  /** A new version is installed and waiting: show "A new version is ready — Reload". */
  onNeedRefresh?: () => void;
  /** The app shell, model and WASM are cached: the app works offline from now on. */
  onOfflineReady?: () => void;
  onRegistered?: (registration: ServiceWorkerRegistration | undefined) => void;
  onError?: (error: unknown) => void;
}

export interface GlimpseSW {
  readonly needRefresh: boolean;
  readonly offlineReady: boolean;
  /** Adds handlers; a late subscriber is called at once for states already reached. Returns unsubscribe. */
  subscribe(handlers: PwaUpdateHandlers): () => void;
  /** Activates the waiting version and reloads when it controls the page. Call only from a user action. */
  applyUpdate(): Promise<void>;
  /** Asks the browser to re-fetch sw.js now (also done hourly while online). Resolves false when it cannot. */
  checkForUpdate(): Promise<boolean>;
}

export interface UpdateFlowDeps {
  loadRegisterSW: () => Promise<RegisterSW>;
  /** navigator.serviceWorker; absent where service workers are unsupported. */
  container?: Pick<ServiceWorkerContainer, 'addEventListener' | 'removeEventListener'>;
  reload: () => void;
  isOnline?: () => boolean;
}

export function createUpdateFlow(deps: UpdateFlowDeps): GlimpseSW {
  const subscribers = new Set<PwaUpdateHandlers>();
  let needRefresh = false;
  let offlineReady = false;
  let registration: ServiceWorkerRegistration | undefined;
  let reloading = false;
  const reloadOnce = (): void => {
    if (reloading) return;
    reloading = true;
    deps.reload();
  };
  const emit = (pick: (h: PwaUpdateHandlers) => void): void => {
    for (const h of subscribers) pick(h);
  };

  const updateSW: Promise<((reloadPage?: boolean) => Promise<void>) | undefined> = deps.container
    ? deps
        .loadRegisterSW()
        .then((registerSW) =>
          registerSW({
            immediate: true,
            onNeedRefresh: () => {
              needRefresh = true;
              emit((h) => h.onNeedRefresh?.());
            },
            onOfflineReady: () => {
              offlineReady = true;
              emit((h) => h.onOfflineReady?.());
            },
            // Fires when the waiting worker took control after skip-waiting (from this tab or another).
            onNeedReload: reloadOnce,
            onRegisteredSW: (_url, reg) => {
              registration = reg;
              emit((h) => h.onRegistered?.(reg));
            },
            onRegisterError: (error) => emit((h) => h.onError?.(error)),
          }),
        )
        .catch((error: unknown) => {
          emit((h) => h.onError?.(error));
          return undefined;
        })
    : Promise.resolve(undefined);

  return {
    get needRefresh() {
      return needRefresh;
    },
    get offlineReady() {
      return offlineReady;
    },
    subscribe(handlers) {
      subscribers.add(handlers);
      if (needRefresh) handlers.onNeedRefresh?.();
      if (offlineReady) handlers.onOfflineReady?.();
      if (registration) handlers.onRegistered?.(registration);
      return () => subscribers.delete(handlers);
    },
    async applyUpdate() {
      const update = await updateSW;
      if (!update || !needRefresh) return;
      // workbox-window only reloads for updates found after a controlled load; listen ourselves so a
      // first-visit page that finds an update also reloads, exactly once.
      deps.container?.addEventListener('controllerchange', reloadOnce);
      await update(true);
    },
    async checkForUpdate() {
      await updateSW;
      if (!registration || (deps.isOnline && !deps.isOnline())) return false;
      try {
        await registration.update();
        return true;
      } catch {
        return false; // offline or the server is unreachable: try again later
      }
    },
  };
}
