import { describe, expect, it } from 'vitest';
import { MOBILENET_EXTRACTOR } from '../engine/extract/extractor';
import { fitSpace, spaceToMeta } from '../features/embedding-space';
import { createBrowserEngine } from './browser-engine';

const raws = Array.from({ length: 6 }, (_, i) => Float32Array.from({ length: 1280 }, (_, j) => ((i * 7 + j) % 13) / 13));

describe('browser engine port (no model load: the extractor is lazy)', () => {
  it('starts in the raw MobileNet space and adopts a matching feature-file space', () => {
    const engine = createBrowserEngine({ modelUrl: 'm.tflite', wasmPath: '/w/', fetch: () => Promise.reject(new Error('offline')) });
    expect(engine.extractor).toEqual(MOBILENET_EXTRACTOR);
    const space = fitSpace(MOBILENET_EXTRACTOR, raws, 3);
    expect(engine.useSpace!(spaceToMeta(space), space.info)).toBe(true);
    expect(engine.extractor).toEqual({ id: 'mobilenet-v2-imagenet-gap+centred+pca3', version: MOBILENET_EXTRACTOR.version, dims: 3 });
  });

  it('rejects a space from another extractor or a file whose header disagrees with its meta', () => {
    const engine = createBrowserEngine({ modelUrl: 'm.tflite', wasmPath: '/w/' });
    const other = fitSpace({ ...MOBILENET_EXTRACTOR, version: 99 }, raws);
    expect(engine.useSpace!(spaceToMeta(other), other.info)).toBe(false);
    const ok = fitSpace(MOBILENET_EXTRACTOR, raws);
    expect(engine.useSpace!(spaceToMeta(ok), { ...ok.info, dims: 64 })).toBe(false);
    expect(engine.useSpace!(undefined, ok.info)).toBe(false);
    expect(engine.extractor).toEqual(MOBILENET_EXTRACTOR);
  });

  it('a failed image fetch is a clear error', async () => {
    const engine = createBrowserEngine({ modelUrl: 'm.tflite', wasmPath: '/w/', fetch: async () => new Response('', { status: 404 }) });
    const item = { id: 'a', image: 'https://shop.test/a.jpg' } as Parameters<typeof engine.hashImage>[0];
    await expect(engine.hashImage(item, new AbortController().signal)).rejects.toThrow(/HTTP 404/);
  });
});
