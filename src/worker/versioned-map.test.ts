import { describe, expect, it } from 'vitest';
import { VersionedMap } from './versioned-map';

describe('VersionedMap', () => {
  it('counts every write, including a replacement that leaves the size unchanged', () => {
    const m = new VersionedMap<string, number>();
    const v0 = m.version;
    m.set('a', 1);
    const v1 = m.version;
    expect(v1).toBeGreaterThan(v0);
    m.set('a', 2); // same size, new value
    expect(m.size).toBe(1);
    expect(m.version).toBeGreaterThan(v1);
    const v2 = m.version;
    m.delete('a');
    expect(m.version).toBeGreaterThan(v2);
    const v3 = m.version;
    m.clear();
    expect(m.version).toBeGreaterThan(v3);
    expect(new VersionedMap([['x', 1]]).get('x')).toBe(1);
  });
});
