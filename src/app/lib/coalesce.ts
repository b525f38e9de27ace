/**
 * `fire` once per burst of calls: the first call schedules it on a zero-delay timer, and calls made before
 * that timer runs join it. A timer, not a microtask, because a worker's back-to-back events (a like sends
 * "profile changed" then "recs changed") arrive as separate message tasks, which a microtask would split.
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
