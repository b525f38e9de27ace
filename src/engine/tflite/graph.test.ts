import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { TfliteGraphModel, UnsupportedOpError } from './graph';
import { parseTflite, TfliteFormatError } from './parse';

const assets = resolve(__dirname, '../../..', process.env.GLIMPSE_ASSETS ?? '../shared/assets');
const dir = resolve(assets, 'models/mobilenet-v2-imagenet');
const modelPath = resolve(dir, 'tf2_mobilenet_v2_1.0_224_ptq.tflite');

interface Reference {
  models: Record<string, { preprocess: string; tap_tensor: string; outputs: Record<string, { vector: number[] }> }>;
}

/** The three synthetic inputs as defined in reference_embeddings_synthetic.json (0..255 RGB, HWC). */
function synthetic(kind: string): Float32Array {
  const px = new Float32Array(224 * 224 * 3);
  for (let y = 0; y < 224; y++) {
    for (let x = 0; x < 224; x++) {
      const i = (y * 224 + x) * 3;
      if (kind === 'grey128') px.fill(128, i, i + 3);
      else if (kind === 'gradient') {
        px[i] = (x / 223) * 255;
        px[i + 1] = (y / 223) * 255;
        px[i + 2] = 127;
      } else px.fill(((Math.floor(x / 16) + Math.floor(y / 16)) % 2) * 255, i, i + 3);
    }
  }
  return px;
}

describe('TFLite MobileNetV2 loader (wasm backend)', () => {
  let bytes: Uint8Array;
  let ref: Reference['models'][string];
  let model: TfliteGraphModel;

  beforeAll(async () => {
    expect(existsSync(modelPath), `asset missing: ${modelPath} (set GLIMPSE_ASSETS)`).toBe(true);
    await tf.setBackend('wasm');
    bytes = new Uint8Array(readFileSync(modelPath));
    const json = JSON.parse(readFileSync(resolve(dir, 'reference_embeddings_synthetic.json'), 'utf8')) as Reference;
    ref = Object.values(json.models)[0]!;
    model = TfliteGraphModel.fromBytes(bytes, { tapTensorName: ref.tap_tensor });
  });
  afterAll(() => model?.dispose());

  it('taps the 1280-d global pool', () => {
    expect(model.inputShape).toEqual([1, 224, 224, 3]);
    expect(model.outputShape.at(-1)).toBe(1280);
  });

  it.each(['grey128', 'gradient', 'checker16'])('matches the reference embedding for %s', (kind) => {
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => {
      const x = tf.mul(tf.sub(tf.tensor4d(synthetic(kind), [1, 224, 224, 3]), 127), 0.007843137718737125);
      return model.predict(x);
    });
    const got = out.dataSync();
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const want = ref.outputs[kind]!.vector;
    expect(got.length).toBe(want.length);
    let maxDiff = 0;
    for (let i = 0; i < want.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i]! - want[i]!));
    expect(maxDiff).toBeLessThan(2e-4);
  });

  it('runs a batch with the same numbers as single images', () => {
    const one = synthetic('checker16');
    const two = synthetic('grey128');
    const both = new Float32Array(one.length * 2);
    both.set(one);
    both.set(two, one.length);
    const out = tf.tidy(() => model.predict(tf.mul(tf.sub(tf.tensor4d(both, [2, 224, 224, 3]), 127), 0.007843137718737125)));
    expect(out.shape).toEqual([2, 1, 1, 1280]);
    const v = out.dataSync();
    out.dispose();
    const want = ref.outputs['grey128']!.vector;
    for (let i = 0; i < 1280; i += 97) expect(v[1280 + i]).toBeCloseTo(want[i]!, 3);
  });

  it('releases every weight on dispose', () => {
    const before = tf.memory().numTensors;
    const m = TfliteGraphModel.fromBytes(bytes, { tapTensorName: ref.tap_tensor });
    expect(tf.memory().numTensors).toBe(before + m.weightCount);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => m.predict(tf.zeros([1, 224, 224, 3]))).toThrow(/after dispose/);
  });

  it('rejects a file with the wrong magic', () => {
    const bad = bytes.slice(0, 4096);
    bad.set([0x58, 0x58, 0x58, 0x58], 4);
    expect(() => parseTflite(bad)).toThrow(TfliteFormatError);
    expect(() => parseTflite(bad)).toThrow(/expected "TFL3"/);
    expect(() => parseTflite(new TextEncoder().encode('<html>not a model</html>'))).toThrow(TfliteFormatError);
    expect(() => parseTflite(new Uint8Array(3))).toThrow(/too short/);
  });

  it('rejects a truncated file with a clear error', () => {
    for (const keep of [100, 200_000, 4_000_000]) {
      expect(() => TfliteGraphModel.fromBytes(bytes.slice(0, keep))).toThrow(/truncated or corrupt/);
    }
  });

  it('names an unsupported operator and its index', () => {
    const parsed = parseTflite(bytes);
    const victim = parsed.operators[5]!;
    parsed.operators[5] = { ...victim, code: 97, opName: 'BUILTIN_97' };
    const before = tf.memory().numTensors;
    expect(() => TfliteGraphModel.fromParsed(parsed, { tapTensorName: ref.tap_tensor })).toThrow(UnsupportedOpError);
    expect(() => TfliteGraphModel.fromParsed(parsed, { tapTensorName: ref.tap_tensor })).toThrow(
      /BUILTIN_97 \(builtin code 97\) at operator index 5/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
