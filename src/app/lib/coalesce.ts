/**
 * `fire` once per burst of calls: the first call schedules it on a zero-delay timer, and calls made before
 * that timer runs join it. A timer, not a microtask, because a burst spans message tasks: the worker's batch
 * of events for a change and the answer to the call that made it (after which the app's log actions call
 * again) arrive as separate messages, which a microtask would split.
 */
export function coalesced(fire: () => void): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      fire();
    }, 0);
  };
}
