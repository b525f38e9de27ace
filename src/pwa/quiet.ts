/**
 * "Wait until the shopper is not using the page": background work (the thumbnail warm-up) awaits this
 * between batches so it never competes with an interaction for the CPU. On a 2-core box a like during the
 * warm-up took about twice as long, the service worker's fetch and cache writes taking a core meanwhile.
 */

export interface QuietGate {
  /** Resolves once no input has arrived for `quietMs` and the page's main thread is idle. */
  wait(): Promise<void>;
  dispose(): void;
}

export interface QuietOptions {
  /** Where input events arrive (the window). */
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  quietMs?: number;
  now?: () => number;
  /** requestIdleCallback where the browser has it; the next timer otherwise. */
  idle?: (run: () => void) => void;
}

// 'click' too: assistive technology and scripted activation click without a pointer or key event.
const INPUT_EVENTS = ['pointerdown', 'click', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
const QUIET_MS = 1500;
const IDLE_TIMEOUT_MS = 1000;

/**
 * An idle slot of the page's main thread. A hidden page has nobody to yield to, and a background tab's idle
 * callbacks come late (up to the timeout, per batch): the warm-up of an installed app would crawl there.
 */
export function browserIdle(run: () => void): void {
  const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
  const hidden = (globalThis as { document?: { hidden?: boolean } }).document?.hidden === true;
  if (ric && !hidden) ric(run, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(run, 0);
}

export function createQuietGate(options: QuietOptions): QuietGate {
  const quietMs = options.quietMs ?? QUIET_MS;
  const now = options.now ?? (() => performance.now());
  const idle = options.idle ?? browserIdle;
  let lastInput = -Infinity;
  const onInput = () => {
    lastInput = now();
  };
  for (const type of INPUT_EVENTS) options.target.addEventListener(type, onInput, { capture: true, passive: true });
  const wait = (): Promise<void> =>
    new Promise((resolve) => {
      const check = () => {
        const left = lastInput + quietMs - now();
        if (left > 0) setTimeout(check, left);
        else idle(() => (now() - lastInput >= quietMs ? resolve() : check()));
      };
      check();
    });
  return {
    wait,
    dispose() {
      for (const type of INPUT_EVENTS) options.target.removeEventListener(type, onInput, { capture: true });
    },
  };
}
