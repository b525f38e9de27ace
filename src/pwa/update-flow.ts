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
  /** The user asked for the update: the page reloads soon, so background fetching should stop now. */
  readonly applying: boolean;
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
  /** Timers of the activation watchdog (injectable for tests). */
  setTimer?: (run: () => void, ms: number) => unknown;
  /** Survives the watchdog's reload (sessionStorage): the user already said yes to this update. */
  pendingMark?: { set(): void; take(): boolean };
}

/**
 * Chromium can park a waiting worker: a page fetch that lands while it moves from installed to
 * activating restarts the outgoing worker and the activation is dropped, so `controllerchange` never
 * comes (seen here with the interim engine fetching 1,000 images; workbox#2692 and others). The page
 * holds its own background fetches once `applying` is set (see holdDuringUpdate), asks again for
 * skip-waiting, and if the new version still does not control the page it reloads anyway: the
 * reloaded page has no fetches in flight, and the pending-update mark makes it apply at once.
 */
export const SKIP_WAITING_RETRY_MS = 1500;
export const RELOAD_ANYWAY_MS = 6000;
/** How long a page opened by the watchdog's reload keeps the app from starting (longer than the watchdog). */
export const HOLD_APP_AFTER_RELOAD_MS = RELOAD_ANYWAY_MS + 2000;

/**
 * The page opened by the watchdog's reload must not start the app (its worker fetches the catalog, the
 * model and features through the outgoing service worker) before the waiting version takes over, or
 * Chromium parks it again. Resolves at once on a normal load; on a marked load it resolves only after
 * `ms` — normally the page has reloaded into the new version long before (controllerchange).
 */
export function holdAppAfterUpdateReload(
  marked: boolean,
  ms = HOLD_APP_AFTER_RELOAD_MS,
  setTimer: (run: () => void, ms: number) => unknown = (run, t) => setTimeout(run, t),
): Promise<void> {
  return marked ? new Promise((resolve) => void setTimer(resolve, ms)) : Promise.resolve();
}

export function createUpdateFlow(deps: UpdateFlowDeps): GlimpseSW {
  const subscribers = new Set<PwaUpdateHandlers>();
  let needRefresh = false;
  let offlineReady = false;
  let registration: ServiceWorkerRegistration | undefined;
  let reloading = false;
  let applying = false;
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
              if (deps.pendingMark?.take()) {
                reloadedByWatchdog = true;
                void flow.applyUpdate();
              }
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

  // Set when this page was itself opened by the watchdog's reload: it never reloads again on its own (a worker
  // that stays parked would otherwise reload the page every few seconds); the prompt comes back instead.
  let reloadedByWatchdog = false;
  const reloadAnyway = (): void => {
    if (reloading) return;
    if (reloadedByWatchdog) {
      applying = false;
      emit((h) => h.onNeedRefresh?.());
      return;
    }
    deps.pendingMark?.set();
    reloadOnce();
  };

  const flow: GlimpseSW = {
    get needRefresh() {
      return needRefresh;
    },
    get offlineReady() {
      return offlineReady;
    },
    get applying() {
      return applying;
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
      if (!update || !needRefresh || applying) return;
      applying = true;
      // workbox-window only reloads for updates found after a controlled load; listen ourselves so a
      // first-visit page that finds an update also reloads, exactly once.
      deps.container?.addEventListener('controllerchange', reloadOnce);
      await update(true);
      const setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
      setTimer(() => void (reloading || update(true)), SKIP_WAITING_RETRY_MS);
      setTimer(reloadAnyway, RELOAD_ANYWAY_MS);
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
  return flow;
}
