import type { Connectivity } from './connectivity';
import type { GlimpseSW } from './update-flow';

/**
 * Two small framework-free DOM widgets the app can mount (boot.ts does by default): the update toast
 * and the offline badge. Themable through CSS custom properties (--glimpse-pwa-bg, --glimpse-pwa-fg,
 * --glimpse-pwa-accent); no React so they also work before or without the app.
 */

const STYLE_ID = 'glimpse-pwa-style';
const CSS = `
.glimpse-pwa-toast{position:fixed;inset-inline-end:1rem;inset-block-end:1rem;z-index:2147483000;display:flex;gap:.75rem;align-items:center;
  max-width:min(28rem,calc(100vw - 2rem));padding:.75rem 1rem;border-radius:.75rem;font:14px/1.4 system-ui,sans-serif;
  background:var(--glimpse-pwa-bg,#1f2937);color:var(--glimpse-pwa-fg,#f8fafc);box-shadow:0 6px 24px rgb(0 0 0/.25)}
.glimpse-pwa-toast[hidden],.glimpse-pwa-offline[hidden]{display:none}
.glimpse-pwa-toast button{font:inherit;border-radius:.5rem;padding:.35rem .8rem;cursor:pointer;border:1px solid transparent}
.glimpse-pwa-toast .primary{background:var(--glimpse-pwa-accent,#f59e0b);color:#111827;font-weight:600}
.glimpse-pwa-toast .secondary{background:transparent;color:inherit;border-color:currentColor}
.glimpse-pwa-offline{position:fixed;inset-inline-start:1rem;inset-block-end:1rem;z-index:2147483000;padding:.3rem .7rem;border-radius:999px;
  font:13px/1.4 system-ui,sans-serif;background:var(--glimpse-pwa-bg,#1f2937);color:var(--glimpse-pwa-fg,#f8fafc)}
`;

function ensureStyle(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS;
  doc.head.append(style);
}

export interface MountOptions {
  parent?: HTMLElement;
  /** How long the "works offline" note stays, in ms. */
  offlineReadyMs?: number;
}

/**
 * Shows "A new version is ready — Reload" while an update waits; the reload happens only on click.
 * Also notes once that the app now works offline. Returns unmount.
 */
export function mountUpdateToast(sw: GlimpseSW, options: MountOptions = {}): () => void {
  const parent = options.parent ?? document.body;
  const doc = parent.ownerDocument;
  ensureStyle(doc);
  const toast = doc.createElement('div');
  toast.className = 'glimpse-pwa-toast';
  toast.setAttribute('role', 'status');
  toast.setAttribute('aria-live', 'polite');
  toast.hidden = true;
  const message = doc.createElement('span');
  const reload = doc.createElement('button');
  reload.type = 'button';
  reload.className = 'primary';
  reload.textContent = 'Reload';
  const later = doc.createElement('button');
  later.type = 'button';
  later.className = 'secondary';
  later.textContent = 'Later';
  toast.append(message, reload, later);
  parent.append(toast);

  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  const show = (text: string, withActions: boolean): void => {
    clearTimeout(hideTimer);
    message.textContent = text;
    reload.hidden = !withActions;
    later.hidden = !withActions;
    toast.hidden = false;
  };
  reload.addEventListener('click', () => {
    reload.disabled = true;
    message.textContent = 'Updating…';
    void sw.applyUpdate();
  });
  later.addEventListener('click', () => {
    toast.hidden = true;
  });

  const unsubscribe = sw.subscribe({
    onNeedRefresh: () => show('A new version of Glimpse is ready.', true),
    onOfflineReady: () => {
      if (sw.needRefresh) return;
      show('Glimpse now works offline.', false);
      hideTimer = setTimeout(() => {
        toast.hidden = true;
      }, options.offlineReadyMs ?? 4000);
    },
  });
  return () => {
    clearTimeout(hideTimer);
    unsubscribe();
    toast.remove();
  };
}

/** A small "Offline" pill while the browser is offline. Returns unmount. */
export function mountOfflineBadge(connectivity: Connectivity, options: MountOptions = {}): () => void {
  const parent = options.parent ?? document.body;
  const doc = parent.ownerDocument;
  ensureStyle(doc);
  const badge = doc.createElement('div');
  badge.className = 'glimpse-pwa-offline';
  badge.setAttribute('role', 'status');
  badge.textContent = 'Offline — your likes and recommendations still work';
  badge.hidden = connectivity.online;
  parent.append(badge);
  const unsubscribe = connectivity.subscribe((online) => {
    badge.hidden = online;
  });
  return () => {
    unsubscribe();
    badge.remove();
  };
}
