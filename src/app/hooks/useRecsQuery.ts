import { useEffect, useRef, useState } from 'react';
import type { RecsClient } from '../services/recs-client';
import { useRecsClient } from '../services/RecsContext';

export type QueryState<T> =
  | { status: 'loading'; data?: T }
  | { status: 'ready'; data: T; refreshing: boolean }
  | { status: 'error'; error: Error; data?: T };

/**
 * Runs `query` against the engine and runs it again after every profile change (a like, a dismissal,
 * an import), keeping the previous answer on screen meanwhile: no flicker, no frozen page.
 * `key` identifies the query; change it to run a different one.
 */
export function useRecsQuery<T>(key: string, query: (client: RecsClient) => Promise<T>, live = true): QueryState<T> {
  const client = useRecsClient();
  const [state, setState] = useState<{ key: string; value: QueryState<T> }>({ key, value: { status: 'loading' } });
  const queryRef = useRef(query);
  useEffect(() => {
    queryRef.current = query;
  });

  useEffect(() => {
    let run = 0;
    let alive = true;
    const load = () => {
      const mine = ++run;
      setState((prev) =>
        prev.key === key && prev.value.status === 'ready' ? { key, value: { ...prev.value, refreshing: true } } : prev.key === key ? prev : { key, value: { status: 'loading' } },
      );
      queryRef.current(client).then(
        (data) => {
          if (alive && mine === run) setState({ key, value: { status: 'ready', data, refreshing: false } });
        },
        (error: unknown) => {
          if (alive && mine === run) setState({ key, value: { status: 'error', error: error instanceof Error ? error : new Error(String(error)) } });
        },
      );
    };
    load();
    const unsubscribe = live ? client.subscribe((e) => e.type === 'changed' && load()) : () => undefined;
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [client, key, live]);

  return state.key === key ? state.value : { status: 'loading' };
}
