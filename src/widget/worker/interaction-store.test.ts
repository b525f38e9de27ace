import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openInteractionStore, widgetDatabaseName } from './interaction-store';

describe('interaction store', () => {
  it('namespaces by catalog and round-trips events', async () => {
    const a = await openInteractionStore('Shop A');
    const b = await openInteractionStore('Shop B');
    await a.add({ kind: 'purchase', itemId: 'x', at: 1 });
    await a.add({ kind: 'rating', itemId: 'y', at: 2, value: 5 });
    expect(await a.all()).toEqual([{ kind: 'purchase', itemId: 'x', at: 1 }, { kind: 'rating', itemId: 'y', at: 2, value: 5 }]);
    expect(await b.all()).toEqual([]);
    expect(widgetDatabaseName('Shop A')).toBe('glimpse-widget:Shop A');
    a.close();
    b.close();
    expect(a.open).toBe(false);
  });

  it('keeps the log across connections and lets an upgrade through after close', async () => {
    const s = await openInteractionStore('Shop C');
    await s.add({ kind: 'like', itemId: 'z', at: 3 });
    s.close();
    const again = await openInteractionStore('Shop C');
    expect((await again.all()).map((e) => e.itemId)).toEqual(['z']);
    again.close();
    const upgrade = indexedDB.open(widgetDatabaseName('Shop C'), 2);
    const blocked = await new Promise<boolean>((resolve) => {
      upgrade.onblocked = () => resolve(true);
      upgrade.onsuccess = () => { upgrade.result.close(); resolve(false); };
    });
    expect(blocked).toBe(false);
  });
});
