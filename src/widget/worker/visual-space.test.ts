import { describe, expect, it } from 'vitest';
import { CNN_SHARE, fitBlockSpace, type VisualParts } from './visual-space';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
const unit = (v: number[]) => Float32Array.from(v, (x) => x / Math.hypot(...v));

/** Three items whose CNN vectors share a big common component (as ImageNet features do) and differ a little. */
const catalog: VisualParts[] = [
  { cnn: unit([10, 1, 0]), attr: unit([1, 0.2, 0.1]) },
  { cnn: unit([10, 0.9, 0.1]), attr: unit([0.1, 1, 0.2]) },
  { cnn: unit([10, 0, 1]), attr: unit([1, 0.1, 0.2]) },
];
const mean = (rows: Float32Array[]) => rows[0].map((_, j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
const centred = (v: Float32Array, m: Float32Array) => {
  const c = v.map((x, j) => x - m[j]);
  return c.map((x) => x / Math.hypot(...c));
};

describe('fitBlockSpace', () => {
  it('centres each block on the catalog before combining: cos = share * cos(cnn) + rest * cos(attr), centred', () => {
    const space = fitBlockSpace(catalog);
    expect(space.hasCnn).toBe(true);
    const v = catalog.map((p) => space.combine(p));
    const cm = mean(catalog.map((p) => p.cnn!)), am = mean(catalog.map((p) => p.attr));
    for (const [i, j] of [[0, 1], [0, 2], [1, 2]]) {
      const expected = CNN_SHARE * dot(centred(catalog[i].cnn!, cm), centred(catalog[j].cnn!, cm))
        + (1 - CNN_SHARE) * dot(centred(catalog[i].attr, am), centred(catalog[j].attr, am));
      expect(dot(v[i], v[j])).toBeCloseTo(expected, 5);
    }
    // Uncentred, the shared CNN component makes every pair look alike (> 0.99) and the attributes decide alone;
    // centred, the CNN block separates item 0 from item 2 as strongly as it groups it with item 1.
    expect(dot(catalog[0].cnn!, catalog[2].cnn!)).toBeGreaterThan(0.99);
    expect(dot(centred(catalog[0].cnn!, cm), centred(catalog[2].cnn!, cm))).toBeLessThan(0);
    expect(dot(v[0], v[0])).toBeCloseTo(1, 5);
  });

  it('puts a photo in the same space as the items (its own image matches it exactly)', () => {
    const space = fitBlockSpace(catalog);
    const photo = space.combine({ cnn: catalog[1].cnn, attr: catalog[1].attr });
    const scores = catalog.map((p) => dot(photo, space.combine(p)));
    expect(scores.indexOf(Math.max(...scores))).toBe(1);
    expect(scores[1]).toBeCloseTo(1, 5);
  });

  it('uses attributes alone when any item lacks its CNN vector (never mixes spaces)', () => {
    const space = fitBlockSpace([...catalog, { cnn: null, attr: unit([0, 0, 1]) }]);
    expect(space.hasCnn).toBe(false);
    expect(space.combine(catalog[0])).toHaveLength(3);
    expect(() => fitBlockSpace(catalog).combine({ cnn: null, attr: catalog[0].attr })).toThrow(/CNN vector/);
  });
});
