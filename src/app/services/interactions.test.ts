import { describe, expect, it, vi } from 'vitest';
import type { Interaction } from '../../core/data/interactions';
import { createMemoryInteractionSink, InteractionError } from './interactions';

const like = (itemId: string, at = 1): Interaction => ({ kind: 'like', itemId, at });

describe('createMemoryInteractionSink', () => {
  it('records in order and lists copies', async () => {
    const sink = createMemoryInteractionSink();
    await sink.record(like('a', 1));
    await sink.record({ kind: 'rating', itemId: 'b', at: 2, value: 4 });
    const listed = await sink.list();
    expect(listed.map((e) => e.itemId)).toEqual(['a', 'b']);
    (listed as Interaction[])[0].itemId = 'mutated';
    expect((await sink.list())[0].itemId).toBe('a');
  });

  it('notifies subscribers until they unsubscribe', async () => {
    const sink = createMemoryInteractionSink();
    const listed: string[][] = [];
    const listener = vi.fn(() => void sink.list().then((l) => listed.push(l.map((e) => e.itemId))));
    const unsubscribe = sink.subscribe(listener);
    await sink.record(like('a'));
    unsubscribe();
    await sink.record(like('b'));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listed).toEqual([['a']]);
  });

  it('rejects malformed events with a typed error and stores nothing', async () => {
    const sink = createMemoryInteractionSink();
    const listener = vi.fn();
    sink.subscribe(listener);
    await expect(sink.record({ kind: 'love', itemId: 'a', at: 1 } as unknown as Interaction)).rejects.toThrow(InteractionError);
    await expect(sink.record(like(''))).rejects.toThrow(/itemId/);
    await expect(sink.record({ kind: 'like', itemId: 'a', at: Number.NaN })).rejects.toThrow(/at/);
    await expect(sink.record({ kind: 'rating', itemId: 'a', at: 1, value: Infinity })).rejects.toThrow(/value/);
    expect(await sink.list()).toEqual([]);
    expect(listener).not.toHaveBeenCalled();
  });

  it('starts from an initial log', async () => {
    const sink = createMemoryInteractionSink([like('x')]);
    expect(await sink.list()).toEqual([like('x')]);
  });
});
