import { describe, expect, it } from 'vitest';
import type { Profile } from '../core/profile';
import type { ItemView } from './ports';
import { TrainingTracker, inSampleAuc, isRetrainDelay } from './training';

const item = (itemId: string, embedded = true): ItemView => ({
  itemId,
  inStock: true,
  facts: {},
  ...(embedded ? { embedding: new Float32Array([1, 0]) } : {}),
});
const likes = (...ids: string[]) => ({ items: ids.map((itemId) => ({ itemId, weight: 1 })) }) as unknown as Profile;

describe('training report helpers', () => {
  it('in-sample AUC ranks liked items against the other embedded items (ties count half)', () => {
    const items = [item('a'), item('b'), item('c'), item('d', false)];
    expect(inSampleAuc(Float32Array.from([3, 2, 1, 9]), items, likes('a'))).toEqual({ value: 1, kind: 'in-sample' });
    // 'd' has no embedding: it is not a candidate, so its high score does not count against the like.
    expect(inSampleAuc(Float32Array.from([1, 2, 3, 9]), items, likes('a'))?.value).toBe(0);
    expect(inSampleAuc(Float32Array.from([2, 2, 1, 0]), items, likes('a'))?.value).toBe(0.75);
    expect(inSampleAuc(Float32Array.from([1, 1, 1, 1]), items, likes())).toBeUndefined();
    expect(inSampleAuc(undefined, items, likes('a'))).toBeUndefined();
  });

  it('keeps the last 20 runs, newest last, and forgets everything on clear', () => {
    const t = new TrainingTracker(2000);
    for (let n = 0; n < 25; n++) {
      t.start('background', n);
      t.finish({ model: 'm', at: n, trigger: 'background', epochs: 1, samples: n, items: 1, millis: 1, samplesPerSecond: 1, parametersVersion: n });
    }
    const view = t.view();
    expect(view.history.map((r) => r.at)).toEqual(Array.from({ length: 20 }, (_, i) => i + 5));
    expect(view.last?.at).toBe(24);
    t.clear();
    expect(t.view()).toEqual({ retrainDelayMs: 2000, history: [] });
  });

  it('accepts whole milliseconds from 0 (off) to a day', () => {
    expect([0, 2000, 86_400_000].every(isRetrainDelay)).toBe(true);
    expect([-1, 0.5, 86_400_001, Number.NaN, '2000', undefined].some(isRetrainDelay)).toBe(false);
  });
});
