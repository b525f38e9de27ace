import { describe, expect, it, vi } from 'vitest';
import { MOBILENET_EXTRACTOR } from '../../engine/extract/extractor';
import { ATTRIBUTES_EXTRACTOR, computeAttributes } from '../../features/attributes';
import type { RgbaImage } from '../../features/contract';
import { createHybridFeaturizer, HYBRID_CACHE, HYBRID_EXTRACTOR, VisionUnavailableError } from './hybrid-featurizer';
import { CNN_EXTRACTOR, type VisionModel } from './vision-types';

/** A square of `rgb` on white: enough structure for the attribute extractor. */
function swatch(rgb: [number, number, number], size = 64): RgbaImage {
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 16; y < 48; y++) for (let x = 16; x < 48; x++) data.set([...rgb, 255], (y * size + x) * 4);
  return { width: size, height: size, data };
}

/** A fake CNN: a 1280-d vector that depends on the mean red and blue of the image (so it can differ). */
function fakeModel(): VisionModel & { live: number } {
  const m = {
    info: CNN_EXTRACTOR, backend: 'fake', backendReason: 'test', live: 3,
    async embed(image: RgbaImage) {
      const v = new Float32Array(CNN_EXTRACTOR.dims).fill(1);
      let r = 0, b = 0;
      for (let i = 0; i < image.data.length; i += 4) { r += image.data[i]; b += image.data[i + 2]; }
      v[0] = r / 1e4; v[1] = b / 1e4;
      return v;
    },
    tensors: () => m.live,
    dispose: () => { m.live = 0; },
  };
  return m;
}

describe('createHybridFeaturizer', () => {
  it('restates the engine extractor identity exactly (the worker bundle must not import TF.js to name it)', () => {
    expect(CNN_EXTRACTOR).toEqual(MOBILENET_EXTRACTOR);
    expect(HYBRID_EXTRACTOR.dims).toBe(MOBILENET_EXTRACTOR.dims + ATTRIBUTES_EXTRACTOR.dims);
  });

  it('loads the model lazily, once, and returns the raw embedding with the attributes of the same pixels', async () => {
    const model = fakeModel();
    const load = vi.fn(async () => model);
    const f = createHybridFeaturizer(load);
    expect(load).not.toHaveBeenCalled();
    expect(f.tensors()).toBe(0);
    const red = swatch([200, 20, 30]), blue = swatch([20, 40, 210]);
    const [a, b] = await Promise.all([f.describe(red), f.describe(blue)]);
    expect(load).toHaveBeenCalledTimes(1);
    // Raw, not normalised: centring on the catalog (or projecting into a feature file's space) comes later.
    expect(a.cnn).toEqual(await model.embed(red));
    expect(a.cnn).toHaveLength(HYBRID_CACHE.dims);
    expect(a.attributes.colorHistogram).toEqual(computeAttributes(red).colorHistogram);
    expect(a.colour).toBe('red');
    expect(b.colour).toBe('blue');
    expect(f.tensors()).toBe(3);
    f.dispose();
    expect(model.live).toBe(0);
  });

  it('turns a load failure into VisionUnavailableError and disposes a model that arrives after dispose', async () => {
    const failing = createHybridFeaturizer(async () => { throw new Error('blocked by CSP'); });
    await expect(failing.prepare()).rejects.toThrow(VisionUnavailableError);
    await expect(failing.describe(swatch([1, 2, 3]))).rejects.toThrow('blocked by CSP');

    const model = fakeModel();
    let arrive!: (m: VisionModel) => void;
    const late = createHybridFeaturizer(() => new Promise((r) => { arrive = r; }));
    const pending = late.prepare();
    late.dispose();
    arrive(model);
    await expect(pending).rejects.toThrow(/removed/);
    expect(model.live).toBe(0);
  });
});
