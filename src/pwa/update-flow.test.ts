import { describe, expect, it, vi } from 'vitest';
import { holdDuringUpdate } from './hold-during-update';
import { HOLD_APP_AFTER_RELOAD_MS, RELOAD_ANYWAY_MS, SKIP_WAITING_RETRY_MS, createUpdateFlow, holdAppAfterUpdateReload, type RegisterSWOptions } from './update-flow';

/** A fake `registerSW` that lets the test play the service worker's lifecycle. */
function harness(options: { online?: boolean } = {}) {
  let hooks: RegisterSWOptions = {};
  const skipWaiting = vi.fn(async () => {});
  const container = new EventTarget();
  const reload = vi.fn();
  const registration = { update: vi.fn(async () => undefined) } as unknown as ServiceWorkerRegistration;
  const flow = createUpdateFlow({
    loadRegisterSW: async () => (opts) => {
      hooks = opts;
      queueMicrotask(() => opts.onRegisteredSW?.('/sw.js', registration));
      return skipWaiting;
    },
    container,
    reload,
    isOnline: () => options.online ?? true,
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { flow, hooks: () => hooks, skipWaiting, container, reload, registration, settle };
}

describe('update flow', () => {
  it('tells subscribers a new version is waiting, and does nothing else until the user applies it', async () => {
    const h = harness();
    const onNeedRefresh = vi.fn();
    h.flow.subscribe({ onNeedRefresh });
    await h.settle();
    h.hooks().onNeedRefresh?.();
    expect(onNeedRefresh).toHaveBeenCalledTimes(1);
    expect(h.flow.needRefresh).toBe(true);
    expect(h.skipWaiting).not.toHaveBeenCalled();
    expect(h.reload).not.toHaveBeenCalled();
  });

  it('applyUpdate activates the waiting worker and reloads exactly once when it takes control', async () => {
    const h = harness();
    await h.settle();
    h.hooks().onNeedRefresh?.();
    await h.flow.applyUpdate();
    expect(h.skipWaiting).toHaveBeenCalledTimes(1);
    expect(h.reload).not.toHaveBeenCalled(); // not before the new worker controls the page
    h.container.dispatchEvent(new Event('controllerchange'));
    h.hooks().onNeedReload?.();
    expect(h.reload).toHaveBeenCalledTimes(1);
  });

  it('applyUpdate without a waiting version is a no-op', async () => {
    const h = harness();
    await h.flow.applyUpdate();
    h.container.dispatchEvent(new Event('controllerchange'));
    expect(h.skipWaiting).not.toHaveBeenCalled();
    expect(h.reload).not.toHaveBeenCalled();
  });

  it('a late subscriber hears states already reached; unsubscribe stops notifications', async () => {
    const h = harness();
    await h.settle();
    h.hooks().onOfflineReady?.();
    const late = { onOfflineReady: vi.fn(), onNeedRefresh: vi.fn(), onRegistered: vi.fn() };
    const unsubscribe = h.flow.subscribe(late);
    expect(late.onOfflineReady).toHaveBeenCalledTimes(1);
    expect(late.onRegistered).toHaveBeenCalledWith(h.registration);
    unsubscribe();
    h.hooks().onNeedRefresh?.();
    expect(late.onNeedRefresh).not.toHaveBeenCalled();
  });

  it('checkForUpdate asks the registration while online and declines offline', async () => {
    const online = harness();
    expect(await online.flow.checkForUpdate()).toBe(true);
    expect(online.registration.update).toHaveBeenCalledTimes(1);
    const offline = harness({ online: false });
    expect(await offline.flow.checkForUpdate()).toBe(false);
    expect(offline.registration.update).not.toHaveBeenCalled();
  });

  it('reports a failed registration to subscribers and never registers without service-worker support', async () => {
    const onError = vi.fn();
    const failing = createUpdateFlow({
      loadRegisterSW: () => Promise.reject(new Error('no virtual module')),
      container: new EventTarget(),
      reload: vi.fn(),
    });
    failing.subscribe({ onError });
    await new Promise((r) => setTimeout(r, 0));
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'no virtual module' }));

    const load = vi.fn();
    const unsupported = createUpdateFlow({ loadRegisterSW: load, reload: vi.fn() });
    expect(await unsupported.checkForUpdate()).toBe(false);
    expect(load).not.toHaveBeenCalled();
  });
});

describe('update flow: activation watchdog', () => {
  function watchdogHarness(marked = false) {
    const timers: Array<{ run: () => void; ms: number }> = [];
    let hooks: RegisterSWOptions = {};
    const skipWaiting = vi.fn(async () => {});
    const container = new EventTarget();
    const reload = vi.fn();
    let mark = marked;
    const pendingMark = { set: vi.fn(() => void (mark = true)), take: vi.fn(() => ((mark = false), marked)) };
    const flow = createUpdateFlow({
      loadRegisterSW: async () => (opts) => ((hooks = opts), skipWaiting),
      container,
      reload,
      setTimer: (run, ms) => timers.push({ run, ms }),
      pendingMark,
    });
    const settle = () => new Promise((r) => setTimeout(r, 0));
    const fire = (ms: number) => timers.filter((t) => t.ms === ms).forEach((t) => t.run());
    return { flow, hooks: () => hooks, skipWaiting, container, reload, pendingMark, settle, fire, isMarked: () => mark };
  }

  it('asks again, then reloads anyway and marks the update as consented when the worker stays parked', async () => {
    const h = watchdogHarness();
    await h.settle();
    h.hooks().onNeedRefresh?.();
    expect(h.flow.applying).toBe(false);
    await h.flow.applyUpdate();
    expect(h.flow.applying).toBe(true);
    await h.flow.applyUpdate(); // a double click sends nothing more
    expect(h.skipWaiting).toHaveBeenCalledTimes(1);
    h.fire(SKIP_WAITING_RETRY_MS);
    expect(h.skipWaiting).toHaveBeenCalledTimes(2);
    expect(h.reload).not.toHaveBeenCalled();
    h.fire(RELOAD_ANYWAY_MS);
    expect(h.reload).toHaveBeenCalledTimes(1);
    expect(h.isMarked()).toBe(true);
  });

  it('does nothing more once the new worker took control in time', async () => {
    const h = watchdogHarness();
    await h.settle();
    h.hooks().onNeedRefresh?.();
    await h.flow.applyUpdate();
    h.container.dispatchEvent(new Event('controllerchange'));
    h.fire(SKIP_WAITING_RETRY_MS);
    h.fire(RELOAD_ANYWAY_MS);
    expect(h.reload).toHaveBeenCalledTimes(1);
    expect(h.skipWaiting).toHaveBeenCalledTimes(1);
    expect(h.pendingMark.set).not.toHaveBeenCalled();
  });

  it('a page opened by the fallback reload never reloads itself again: the prompt returns instead', async () => {
    const h = watchdogHarness(true);
    const onNeedRefresh = vi.fn();
    h.flow.subscribe({ onNeedRefresh });
    await h.settle();
    h.hooks().onNeedRefresh?.();
    await h.settle();
    expect(h.flow.applying).toBe(true);
    h.fire(RELOAD_ANYWAY_MS);
    expect(h.reload).not.toHaveBeenCalled();
    expect(h.flow.applying).toBe(false);
    expect(onNeedRefresh).toHaveBeenCalledTimes(2);
    await h.flow.applyUpdate(); // the user may try again
    expect(h.flow.applying).toBe(true);
  });

  it('after the fallback reload, a marked page applies the waiting version without a second click', async () => {
    const h = watchdogHarness(true);
    await h.settle();
    h.hooks().onNeedRefresh?.();
    await h.settle();
    expect(h.skipWaiting).toHaveBeenCalledTimes(1);
    const unmarked = watchdogHarness(false);
    await unmarked.settle();
    unmarked.hooks().onNeedRefresh?.();
    await unmarked.settle();
    expect(unmarked.skipWaiting).not.toHaveBeenCalled();
  });
});

describe('holdDuringUpdate', () => {
  it('passes requests through until an update is being applied, then holds new ones', async () => {
    let applying = false;
    const inner = vi.fn(async () => new Response('ok'));
    const held = holdDuringUpdate(inner as unknown as typeof fetch, () => applying);
    expect(await (await held('/a')).text()).toBe('ok');
    applying = true;
    const pending = held('/b');
    const outcome = await Promise.race([pending.then(() => 'settled'), new Promise((r) => setTimeout(() => r('held'), 20))]);
    expect(outcome).toBe('held');
    expect(inner).toHaveBeenCalledTimes(1);
  });
});

describe('holdAppAfterUpdateReload', () => {
  it('lets a normal load start the app at once', async () => {
    const setTimer = vi.fn();
    await holdAppAfterUpdateReload(false, 1000, setTimer);
    expect(setTimer).not.toHaveBeenCalled();
  });

  it('keeps a page opened by the watchdog from starting the app until the hold ends (past the watchdog)', async () => {
    let release: (() => void) | undefined;
    const setTimer = vi.fn((run: () => void) => void (release = run));
    let started = false;
    const gate = holdAppAfterUpdateReload(true, undefined, setTimer).then(() => void (started = true));
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toBe(false);
    expect(setTimer).toHaveBeenCalledWith(expect.any(Function), HOLD_APP_AFTER_RELOAD_MS);
    expect(HOLD_APP_AFTER_RELOAD_MS).toBeGreaterThan(RELOAD_ANYWAY_MS);
    release!();
    await gate;
    expect(started).toBe(true);
  });
});
