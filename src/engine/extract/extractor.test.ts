import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeDecoder } from '../../../scripts/features/node-decoder';
import { cosine } from '../../features/embedding-post';
import { createRuntimeEnv, type BackendEnv } from '../backend/probe';
import { Extractor, type ExtractInput, type ExtractProgress } from './extractor';
import { prepareBytes } from './prepare';

const assets = resolve(__dirname, '../../..', process.env.GLIMPSE_ASSETS ?? '../shared/assets');
const dir = resolve(assets, 'models/mobilenet-v2-imagenet');

interface Reference {
  models: Record<string, { outputs: Record<string, { vector: number[] }> }>;
}

function synthetic(kind: 'grey128' | 'checker16'): Buffer {
  const px = Buffer.alloc(224 * 224 * 3);
  for (let y = 0; y < 224; y++) {
    for (let x = 0; x < 224; x++) {
      const v = kind === 'grey128' ? 128 : ((Math.floor(x / 16) + Math.floor(y / 16)) % 2) * 255;
      px.fill(v, (y * 224 + x) * 3, (y * 224 + x) * 3 + 3);
    }
  }
  return px;
}
const png = async (raw: Buffer, w = 224, h = 224): Promise<Uint8Array> =>
  new Uint8Array(await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer());

describe('Extractor (Node, wasm backend, sharp decoder)', () => {
  let extractor: Extractor;
  let ref: Reference['models'][string];
  let greyPng: Uint8Array;
  let checkerPng: Uint8Array;
  const model = new Uint8Array(readFileSync(resolve(dir, 'tf2_mobilenet_v2_1.0_224_ptq.tflite')));

  beforeAll(async () => {
    ref = Object.values((JSON.parse(readFileSync(resolve(dir, 'reference_embeddings_synthetic.json'), 'utf8')) as Reference).models)[0]!;
    greyPng = await png(synthetic('grey128'));
    checkerPng = await png(synthetic('checker16'));
    extractor = await Extractor.load({ model, backend: 'wasm', candidates: ['wasm', 'cpu'], decoder: createNodeDecoder(), batchSize: 2 });
  });
  afterAll(() => extractor?.dispose());

  it('reports the backend it chose', () => {
    expect(extractor.backend.chosen).toBe('wasm');
    expect(extractor.backend.candidates[0]).toMatchObject({ name: 'wasm', status: 'chosen' });
  });

  it('extracts reference embeddings from encoded images and typed errors for bad ones, without leaking', async () => {
    const jpeg = new Uint8Array(await sharp(synthetic('grey128'), { raw: { width: 224, height: 224, channels: 3 } }).jpeg().toBuffer());
    const inputs: ExtractInput[] = [
      { id: 'grey', bytes: greyPng },
      { id: 'broken', bytes: new TextEncoder().encode('definitely not an image') },
      { id: 'checker', bytes: checkerPng },
      { id: 'truncated', bytes: jpeg.slice(0, jpeg.length / 2) },
      { id: 'svg', bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>') },
      { id: 'empty', pixels: { data: new Uint8Array(0), width: 0, height: 0 } },
      { id: 'huge', pixels: { data: new Uint8Array(4), width: 20000, height: 20000 } },
      { id: 'pixels', pixels: { data: new Uint8Array(224 * 224 * 4).map((_, i) => (i % 4 === 3 ? 255 : 128)), width: 224, height: 224 } },
    ];
    const before = tf.memory().numTensors;
    const progress: ExtractProgress[] = [];
    const out = await extractor.extract(inputs, { onProgress: (p) => progress.push(p) });
    expect(tf.memory().numTensors).toBe(before);
    expect(out.map((r) => r.id)).toEqual(inputs.map((i) => i.id));
    expect(out.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'ok',
      'unsupported-format',
      'ok',
      'truncated',
      'svg',
      'zero-size',
      'too-large',
      'ok',
    ]);
    for (const [i, kind] of [[0, 'grey128'], [2, 'checker16'], [7, 'grey128']] as const) {
      const r = out[i]!;
      if (!r.ok) throw new Error('expected ok');
      const want = ref.outputs[kind]!.vector;
      let maxDiff = 0;
      for (let j = 0; j < want.length; j++) maxDiff = Math.max(maxDiff, Math.abs(r.embedding[j]! - want[j]!));
      expect(maxDiff, `${kind} at ${i}`).toBeLessThan(2e-4);
    }
    expect(progress.map((p) => p.done)).toEqual([2, 4, 6, 8]);
    expect(progress.at(-1)).toMatchObject({ total: 8, failed: 5, backend: 'wasm' });
  });

  it('resizes large and non-square photos and stays stable under repeated calls', async () => {
    const wide = await png(Buffer.alloc(900 * 500 * 3, 90), 900, 500);
    const before = tf.memory().numTensors;
    const a = await extractor.extract([{ id: 'wide', bytes: wide }]);
    const b = await extractor.extract([{ id: 'wide', bytes: wide }]);
    expect(tf.memory().numTensors).toBe(before);
    if (!a[0]!.ok || !b[0]!.ok) throw new Error('expected ok');
    expect(a[0]!.embedding).toEqual(b[0]!.embedding);
  });

  it('decodes ahead of inference yet reports each decoded image once, in order, and times every stage', async () => {
    const inputs: ExtractInput[] = [
      { id: 'a', bytes: greyPng },
      { id: 'bad', bytes: new TextEncoder().encode('not an image') },
      { id: 'b', bytes: checkerPng },
      { id: 'c', bytes: greyPng },
      { id: 'd', bytes: checkerPng },
    ];
    extractor.takeStageTimes();
    const decodedOrder: number[] = [];
    const out = await extractor.extract(inputs, { onDecoded: (i) => decodedOrder.push(i) });
    expect(decodedOrder).toEqual([0, 2, 3, 4]);
    expect(out.map((r) => r.ok)).toEqual([true, false, true, true, true]);
    if (!out[0]!.ok || !out[3]!.ok) throw new Error('expected ok');
    expect(out[3]!.embedding).toEqual(out[0]!.embedding);
    const st = extractor.takeStageTimes();
    expect(st.images).toBe(4);
    expect(st.inferMs).toBeGreaterThan(0);
    expect(st.preprocessMs).toBeGreaterThan(0);
    expect(extractor.takeStageTimes().images).toBe(0);
    const t = extractor.loadTimings;
    expect(t.warmUpMs).toBeGreaterThan(0);
    expect(t.buildMs).toBeGreaterThan(0);
  });

  it('with a preparer (decoding, resize and attributes elsewhere) gives what decoding here gives', async () => {
    // A red square on white: a foreground, a colour and edges for the attributes.
    const raw = Buffer.alloc(320 * 260 * 3, 255);
    for (let y = 60; y < 200; y++) for (let x = 90; x < 230; x++) raw.fill(0, (y * 320 + x) * 3 + 1, (y * 320 + x) * 3 + 3);
    const photo = await png(raw, 320, 260);
    const inputs: ExtractInput[] = [
      { id: 'photo', bytes: photo },
      { id: 'bad', bytes: new TextEncoder().encode('not an image') },
      { id: 'grey', bytes: greyPng },
    ];
    const calls: boolean[] = [];
    const decoder = createNodeDecoder();
    const elsewhere = await Extractor.load({
      model,
      backend: false,
      batchSize: 2,
      preparer: { prepare: (bytes, limits, withAttributes) => (calls.push(withAttributes), prepareBytes(decoder, bytes, limits, withAttributes)) },
    });
    try {
      const here = await extractor.extract(inputs, { attributes: true });
      const there = await elsewhere.extract(inputs, { attributes: true });
      expect(calls).toEqual([true, true, true]);
      expect(there.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'unsupported-format', 'ok']);
      expect(there).toEqual(here);
      const photoOut = there[0]!;
      if (!photoOut.ok) throw new Error('expected ok');
      expect(photoOut.attributes?.colors[0]?.name).toBe('red');
      const plain = await elsewhere.extract(inputs.slice(0, 1));
      expect(plain[0]).not.toHaveProperty('attributes');
      expect(calls.at(-1)).toBe(false);
    } finally {
      elsewhere.dispose();
    }
  });

  it('stops between batches when aborted', async () => {
    const controller = new AbortController();
    const inputs = Array.from({ length: 6 }, (_, i) => ({ id: `g${i}`, bytes: greyPng }));
    const seen: number[] = [];
    await expect(
      extractor.extract(inputs, {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.done);
          controller.abort();
        },
      }),
    ).rejects.toThrow(/abort/i);
    expect(seen).toEqual([2]);
  });

  it('falls back to the next backend when the running one is lost, and records why', async () => {
    // Runtime where the "cpu" candidate is served by wasm: the cpu kernels take ~10 s for MobileNetV2,
    // too slow for the unit suite; the mechanics (report, rebuild, retry) are the same.
    const env = createRuntimeEnv();
    const fakeCpu: BackendEnv = { ...env, activate: (name) => env.activate(name === 'cpu' ? 'wasm' : name) };
    const tensorsBefore = tf.memory().numTensors;
    const own = await Extractor.load({ model, backend: 'wasm', candidates: ['wasm', 'cpu'], decoder: createNodeDecoder(), backendEnv: fakeCpu });
    try {
      // Simulate what WebGPU's device.lost promise reports.
      (own as unknown as { lostReason: string }).lostReason = 'GPU device lost (destroyed): simulated';
      const [r] = await own.extract([{ id: 'grey', bytes: greyPng }]);
      expect(own.backend.chosen).toBe('cpu');
      expect(own.backend.fallbacks).toEqual([{ from: 'wasm', to: 'cpu', reason: 'GPU device lost (destroyed): simulated' }]);
      expect(own.backend.candidates.find((c) => c.name === 'wasm')!.status).toBe('failed-at-runtime');
      if (!r!.ok) throw new Error('expected ok');
      expect(cosine(r!.embedding, Float32Array.from(ref.outputs['grey128']!.vector))).toBeGreaterThan(0.9999);
    } finally {
      own.dispose();
    }
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('concurrent calls that lose the backend together fall back once and all finish', async () => {
    const env = createRuntimeEnv();
    const fakeCpu: BackendEnv = { ...env, activate: (name) => env.activate(name === 'cpu' ? 'wasm' : name) };
    const own = await Extractor.load({ model, backend: 'wasm', candidates: ['wasm', 'cpu'], decoder: createNodeDecoder(), backendEnv: fakeCpu });
    try {
      (own as unknown as { lostReason: string }).lostReason = 'GPU device lost (destroyed): simulated';
      const out = await Promise.all([1, 2, 3].map((k) => own.extract([{ id: `g${k}`, bytes: greyPng }])));
      expect(out.map(([r]) => r!.ok)).toEqual([true, true, true]);
      expect(own.backend.fallbacks).toHaveLength(1);
      expect(own.backend.chosen).toBe('cpu');
    } finally {
      own.dispose();
    }
  });
});
