/**
 * Wraps the page's fetch for background work (feature extraction, warm-ups): once the user has asked
 * for a new version, new requests wait for the reload instead of reaching the outgoing service worker,
 * whose activity can park the activation (see update-flow.ts). Requests already in flight finish.
 */
export function holdDuringUpdate(fetchImpl: typeof fetch, isApplying: () => boolean): typeof fetch {
  return (input, init) => (isApplying() ? new Promise<Response>(() => undefined) : fetchImpl(input, init));
}
