import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type Route } from '../lib/route';

/** replaceState fires no hashchange; this event tells subscribers the hash changed anyway. */
const REPLACED = 'glimpse:hash-replaced';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener(REPLACED, onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener(REPLACED, onChange);
  };
}

const getHash = () => window.location.hash;

export interface Navigate {
  (route: Route, options?: { replace?: boolean }): void;
}

/** The current hash route and a navigate function (push by default; replace for filter edits). */
export function useHashRoute(): [Route, Navigate] {
  const hash = useSyncExternalStore(subscribe, getHash, () => '');
  const route = useMemo(() => parseRoute(hash), [hash]);
  const navigate = useCallback<Navigate>((next, options) => {
    const target = formatRoute(next);
    if (target === (window.location.hash || '#/')) return;
    if (options?.replace) {
      window.history.replaceState(window.history.state, '', target);
      window.dispatchEvent(new Event(REPLACED));
    } else {
      window.location.hash = target;
    }
  }, []);
  return [route, navigate];
}
