import { describe, expect, it } from 'vitest';
import { MOBILENET_EXTRACTOR } from '../engine/extract/extractor';
import { fitSpace, spaceToMeta } from '../features/embedding-space';
import { createBrowserEngine, MODEL_RETRY_AFTER_MS } from './browser-engine';

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

  it('a model URL that serves something else (an HTML fallback page) fails clearly, once per retry window', async () => {
    let clock = 0;
    const fetched: string[] = [];
    const engine = createBrowserEngine({
      modelUrl: 'https://shop.test/generated/models/mobilenet-v2.tflite',
      wasmPath: '/w/',
      now: () => clock,
      fetch: async (url) => {
        fetched.push(url);
        if (url.endsWith('.tflite')) return new Response('<!doctype html><title>Glimpse</title>', { status: 200 });
        return new Response(new Uint8Array([1, 2, 3]), { status: 200 });
      },
    });
    const signal = new AbortController().signal;
    const item = (id: string) => ({ id, image: `https://shop.test/${id}.jpg` }) as Parameters<typeof engine.extract>[0];
    const models = () => fetched.filter((u) => u.endsWith('.tflite')).length;
    await expect(engine.extract(item('a'), signal)).rejects.toThrow(
      /model at https:\/\/shop\.test\/generated\/models\/mobilenet-v2\.tflite cannot be used: Not a TFLite model/,
    );
    await expect(engine.extract(item('b'), signal)).rejects.toThrow(/Not a TFLite model/);
    expect(models()).toBe(1);
    expect(engine.backend!()).toBeUndefined();
    clock += MODEL_RETRY_AFTER_MS;
    await expect(engine.extract(item('c'), signal)).rejects.toThrow(/Not a TFLite model/);
    expect(models()).toBe(2);
  });
});
