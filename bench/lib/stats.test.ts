import { describe, expect, it } from 'vitest';
import { summarize } from './stats';
import { meets, toMarkdown } from './report';

describe('bench stats', () => {
  it('summarizes with the median of odd and even counts', () => {
    expect(summarize([5, 1, 3]).median).toBe(3);
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
    expect(summarize([4, 1, 3, 2])).toMatchObject({ min: 1, max: 4, n: 4 });
    expect(() => summarize([])).toThrow();
  });
  it('judges targets and renders the ratio', () => {
    const row = { suite: 's', case: 'c', unit: 'ms', value: 2, target: { op: '<=' as const, value: 3 }, speedup: 7.5 };
    expect(meets(row)).toBe(true);
    expect(meets({ ...row, value: 4 })).toBe(false);
    expect(toMarkdown([row])).toContain('7.5×');
  });
});

describe('bench report', () => {
  it('keeps a note containing a pipe inside its table cell', () => {
    const md = toMarkdown([{ suite: 's', case: 'c', unit: 'ms', value: 1, notes: 'a | b' }]);
    const last = md.split('\n')[2];
    expect(last.split(' | ')).toHaveLength(9);
    expect(last).toContain('a / b');
  });
});
