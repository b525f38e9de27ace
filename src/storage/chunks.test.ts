import { describe, expect, it } from 'vitest';
import { joinRows, orderRows, splitRows } from './chunks';

const matrix = (rows: number, cols: number) => Float32Array.from({ length: rows * cols }, (_, i) => i);

describe('row chunks', () => {
  it('split, shuffle, order and join give the matrix back', () => {
    const data = matrix(7, 3);
    const chunks = splitRows(data, 7, 3, 3);
    expect(chunks.map((c) => c.rows)).toEqual([3, 3, 1]);
    const ordered = orderRows([chunks[2]!, chunks[0]!, chunks[1]!], 7, 3);
    expect(ordered?.map((c) => c.rowStart)).toEqual([0, 3, 6]);
    expect(joinRows(ordered!, 7, 3)).toEqual(data);
  });

  it('refuses a set with rows missing, overlapping or the wrong width', () => {
    const chunks = splitRows(matrix(6, 2), 6, 2, 2);
    expect(orderRows([chunks[0]!, chunks[2]!], 6, 2)).toBeUndefined();
    expect(orderRows([...chunks, chunks[1]!], 6, 2)).toBeUndefined();
    expect(orderRows(chunks, 7, 2)).toBeUndefined();
    expect(orderRows(chunks, 6, 3)).toBeUndefined();
  });
});
