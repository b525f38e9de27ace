import { describe, expect, it } from 'vitest';
import { meets, toMarkdown } from './report';
import { CaseTimeout, failedRow, measuredRow, withTimeout } from './rows';

const spec = { suite: 's', case: 'c', unit: 'ms', kind: 'time' as const, target: { op: '<=' as const, value: 5 } };

describe('bench rows', () => {
  it('takes medians and spread, and the ratio the right way round for times and rates', () => {
    const t = measuredRow(spec, [4, 2, 3], { name: 'naive', samples: [30, 10, 20] });
    expect(t).toMatchObject({ value: 3, min: 2, max: 4, n: 3, baseline: { name: 'naive', value: 20 }, target: { op: '<=', value: 5 } });
    expect(t.speedup).toBeCloseTo(20 / 3);
    const r = measuredRow({ ...spec, unit: 'images/s', kind: 'rate' }, [10, 30, 20], { name: 'one at a time', samples: [5] });
    expect(r.speedup).toBeCloseTo(4);
    expect(measuredRow(spec, [1]).baseline).toBeUndefined();
  });

  it('reports a failed case as a missed row with its reason', () => {
    const row = failedRow(spec, new CaseTimeout('timed out after 90 s'));
    expect(Number.isNaN(row.value)).toBe(true);
    expect(meets(row)).toBe(false);
    const md = toMarkdown([row]);
    expect(md).toContain('failed (ms)');
    expect(md).toContain('timed out after 90 s');
  });

  it('times out slow work, calls the clean-up, and passes through results and errors', async () => {
    let cleaned = 0;
    const never = new Promise<number>(() => undefined);
    await expect(withTimeout(never, 10, () => void cleaned++)).rejects.toBeInstanceOf(CaseTimeout);
    expect(cleaned).toBe(1);
    await expect(withTimeout(Promise.resolve(7), 1000)).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('boom')), 1000)).rejects.toThrow('boom');
  });
});
