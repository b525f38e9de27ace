import { describe, expect, it } from 'vitest';
import { checkBudgets } from './check-bundle-size';

describe('checkBudgets', () => {
  const sizes: Record<string, { raw: number; gzip: number }> = { a: { raw: 100, gzip: 40 }, b: { raw: 300, gzip: 90 } };
  it('sums the files of each budget and flags only the ones over', () => {
    const r = checkBudgets([
      { label: 'a', files: ['a'], maxGzip: 40 },
      { label: 'a+b', files: ['a', 'b'], maxGzip: 129 },
      { label: 'b', files: ['b'], maxGzip: null },
    ], (f) => sizes[f]);
    expect(r.map((x) => [x.gzip, x.raw, x.ok])).toEqual([[40, 100, true], [130, 400, false], [90, 300, true]]);
  });
});
