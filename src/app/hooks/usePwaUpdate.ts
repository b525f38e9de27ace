import { useCallback, useEffect, useState } from 'react';
import { registerGlimpseSW } from '../../pwa/register-sw';

export interface PwaUpdateState {
  /** A new version is installed and waiting: show "A new version is ready — Reload". */
  needRefresh: boolean;
  /** The shell, model and WASM are cached: the app works offline. */
  offlineReady: boolean;
  /** Call from the user's click only: activates the new version, then the page reloads (state is in IndexedDB). */
  applyUpdate: () => Promise<void>;
  /** Hides the prompt until the next update. */
  dismiss: () => void;
}

/**
 * The service worker's update flow for React screens. Shares the one registration made by src/pwa
 * (registerGlimpseSW is idempotent). If the app shows this prompt itself, build with
 * pwaPlugin({ boot: false }) and call startPwa({ updateToast: false }) so the DOM toast is not shown too.
 */
export function usePwaUpdate(): PwaUpdateState {
  const [needRefresh, setNeedRefresh] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const sw = registerGlimpseSW();
    return sw.subscribe({ onNeedRefresh: () => setNeedRefresh(true), onOfflineReady: () => setOfflineReady(true) });
  }, []);
  const applyUpdate = useCallback(() => registerGlimpseSW().applyUpdate(), []);
  const dismiss = useCallback(() => setNeedRefresh(false), []);
  return { needRefresh, offlineReady, applyUpdate, dismiss };
}
