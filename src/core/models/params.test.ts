import { describe, expect, it } from 'vitest';
import { createCheckerboard } from '../../testing/checkerboard';
import { csrFromTriples, rowItems } from '../data/csr';
import { createHistory } from '../data/history';
import { createTriples } from '../data/triples';
import { createMatrix, DimensionError, NonFiniteError } from '../linalg';
import { BprModel } from './bpr';
import { MfModel } from './mf';
import { foldIn, scoreWithParams } from './fold-in';
import { itemParamsFromFeatures } from './item-params';
import { decodeItemParams, encodeItemParams, ParamFileError } from './param-file';
import { VbprModel } from './vbpr';
import { ContentModel } from './content';

const cb = createCheckerboard();

describe('item parameter file', () => {
  const vbpr = new VbprModel({ factors: 3, visualFactors: 2, epochs: 20 });
  vbpr.fit({ interactions: cb.train, features: cb.features });
  const ids = Array.from({ length: cb.nItems }, (_, i) => `sku-${i}-ü`);

  it('round-trips exactly (JSON header + Float32 blocks)', () => {
    const bytes = encodeItemParams({ ...vbpr.itemParams, itemIds: ids }, { trainedOn: 'checkerboard' });
    const back = decodeItemParams(bytes);
    expect(back.itemIds).toEqual(ids);
    expect(back.meta).toEqual({ trainedOn: 'checkerboard' });
    expect(Array.from(back.factors.data)).toEqual(Array.from(vbpr.itemParams.factors.data));
    expect(Array.from(back.bias)).toEqual(Array.from(vbpr.itemParams.bias));
    expect(Array.from(back.visual!.projection.data)).toEqual(
      Array.from(vbpr.itemParams.visual!.projection.data),
    );
  });

  it('rejects bad files with typed errors', () => {
    const bytes = encodeItemParams({ ...vbpr.itemParams, itemIds: ids });
    expect(() => decodeItemParams(bytes.slice(0, 40))).toThrow(ParamFileError);
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0;
    expect(() => decodeItemParams(wrongMagic)).toThrow(/magic/);
    const poisoned = { ...vbpr.itemParams, itemIds: ids, bias: vbpr.itemParams.bias.slice() };
    poisoned.bias[3] = NaN;
    expect(() => encodeItemParams(poisoned)).toThrow(NonFiniteError);
    expect(() => encodeItemParams(vbpr.itemParams)).toThrow(/itemIds/);
  });

  it('scores brand-new items from features alone (VBPR cold start)', () => {
    const fresh = itemParamsFromFeatures(vbpr.itemParams, cb.features);
    expect(fresh.factors.rows).toBe(cb.nItems);
    expect(() => itemParamsFromFeatures(vbpr.itemParams, createMatrix(2, 3))).toThrow(DimensionError);
  });
});

describe('fold-in', () => {
  it('folded-in users rank like fully retrained users on a toy problem', () => {
    // Train item params without user 0, fold user 0 in; compare with a model that saw user 0.
    const full = new BprModel({ factors: 8, epochs: 150, seed: 4 });
    full.fit({ interactions: cb.train });
    const us: number[] = [],
      is: number[] = [];
    for (let u = 1; u < cb.nUsers; u++)
      for (const i of rowItems(cb.train, u)) {
        us.push(u);
        is.push(i);
      }
    const partial = new BprModel({ factors: 8, epochs: 150, seed: 4 });
    partial.fit({ interactions: csrFromTriples(createTriples(us, is), cb.nUsers, cb.nItems) });
    const history = createHistory(rowItems(cb.train, 0));
    const p = foldIn(history, partial.itemParams, { seed: 1 });
    const folded = scoreWithParams(partial.itemParams, p, new Float32Array(cb.nItems));
    const retrained = full.scoreUser(0, new Float32Array(cb.nItems));
    const warm = Array.from({ length: cb.groups * cb.itemsPerBlock }, (_, i) => i).filter(
      (i) => !history.items.includes(i),
    );
    const best = (s: Float32Array) => warm.reduce((a, b) => (s[b] > s[a] ? b : a));
    expect(best(folded)).toBe(cb.heldOut[0]);
    expect(best(retrained)).toBe(cb.heldOut[0]);
  });

  it('is incremental: continuing from the previous vector with one more like moves toward it', () => {
    const bpr = new BprModel({ factors: 8, epochs: 100, seed: 4 });
    bpr.fit({ interactions: cb.train });
    const p1 = foldIn(createHistory([0, 1]), bpr.itemParams);
    const p2 = foldIn(createHistory([0, 1, 2]), bpr.itemParams, { init: p1, steps: 500 });
    const s1 = scoreWithParams(bpr.itemParams, p1, new Float32Array(cb.nItems));
    const s2 = scoreWithParams(bpr.itemParams, p2, new Float32Array(cb.nItems));
    expect(s2[2] - s2[12]).toBeGreaterThan(s1[2] - s1[12] - 1e-6);
    expect(() => foldIn(createHistory([999]), bpr.itemParams)).toThrow(RangeError);
    expect(() => foldIn(createHistory([0], [NaN]), bpr.itemParams)).toThrow(NonFiniteError);
  });

  it('MF folds a new rater in by ridge regression', () => {
    const mf = new MfModel({ factors: 4, epochs: 100, seed: 2 });
    mf.fit({ interactions: cb.ratings });
    const out = mf.scoreHistory(createHistory([0, 1, 2, 6], [5, 5, 5, 1]), new Float32Array(cb.nItems));
    expect(out[3]).toBeGreaterThan(out[7]);
  });
});

describe('bad input and divergence', () => {
  it('rejects NaN features with a typed error', () => {
    const f = createMatrix(cb.nItems, cb.features.cols, cb.features.data.slice());
    f.data[5] = NaN;
    expect(() => new ContentModel().fit({ interactions: cb.train, features: f })).toThrow(NonFiniteError);
    expect(() => new VbprModel().fit({ interactions: cb.train, features: f })).toThrow(NonFiniteError);
  });

  it('rolls a diverging run back to the last good parameters (huge learning rate)', () => {
    const mf = new MfModel({ factors: 4, epochs: 6, learningRate: 5, seed: 1 });
    const r = mf.fit({ interactions: cb.ratings });
    expect(r.rolledBack.length).toBeGreaterThan(0);
    for (const a of [mf.userFactors, mf.itemFactors, mf.userBias, mf.itemBias])
      expect(a.every(Number.isFinite)).toBe(true);
    const bpr = new BprModel({ factors: 4, epochs: 6, learningRate: 1e6, seed: 1 });
    const rb = bpr.fit({ interactions: cb.train });
    expect(bpr.itemParams.factors.data.every(Number.isFinite)).toBe(true);
    expect(bpr.scoreUser(0, new Float32Array(cb.nItems)).every(Number.isFinite)).toBe(true);
    expect(rb.rolledBack.length + rb.epochs).toBeGreaterThan(0);
  });

  it('a rating matrix with NaN is refused before training', () => {
    const bad = csrFromTriples(createTriples([0], [0], [NaN]), 1, 1);
    expect(() => new MfModel().fit({ interactions: bad })).toThrow(NonFiniteError);
  });
});
