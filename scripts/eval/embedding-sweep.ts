import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_IMAGE_LIMITS } from '../../src/features/image-check';
import { toModelInput } from '../../src/engine/extract/preprocess';
import { parseTflite } from '../../src/engine/tflite/parse';
import { TfliteGraphModel } from '../../src/engine/tflite/graph';
import type { FrameMode } from '../../src/features/downsample';
import { MODEL_ASSET, readAsset, assetRoot } from '../setup/assets';
import { readLabelledFolder } from '../features/dataset';
import { createNodeDecoder } from '../features/node-decoder';
import { balancedClothingSubset } from './suites/visual-subset';

/**
 * One-off diagnostic (not part of the eval): taps MobileNetV2's last 7x7x1280 feature map for the visual
 * eval's 800-photo balanced set (the 372-photo subset is its first 37-38 per class) under centre-crop framing,
 * plus, for the 372 only, mirrored and squash views, and stores global-average, global-max and GeM(p=3) pooling.
 * `embedding-analysis.ts` then scores post-processing choices on the stored arrays without re-running the CNN.
 * Usage: nice -n 10 npx tsx scripts/eval/embedding-sweep.ts
 */
const OUT = resolve('.cache/emb-sweep');
const VARIANTS: { name: string; frame: FrameMode; flip: boolean; all: boolean }[] = [
  { name: 'crop', frame: 'center-crop', flip: false, all: true },
  { name: 'crop-flip', frame: 'center-crop', flip: true, all: false },
  { name: 'squash', frame: 'squash', flip: false, all: false },
  { name: 'squash-flip', frame: 'squash', flip: true, all: false },
];
const POOLS = ['gap', 'max', 'gem'] as const;

async function main(): Promise<void> {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('wasm');
  const dir = resolve(assetRoot(), 'clothing-dataset');
  const { images } = readLabelledFolder(resolve(dir, 'images'), resolve(dir, 'images.csv'));
  const big = balancedClothingSubset(images, 80, 0);
  const small = new Set(balancedClothingSubset(images, 37, 2).map((im) => im.id));
  writeFileSync(resolve(OUT, 'items.json'), JSON.stringify(big.map((im) => ({ id: im.id, label: im.label, small: small.has(im.id) }))));
  const parsed = parseTflite(await readAsset(MODEL_ASSET));
  const meanOp = parsed.operators.find((op) => op.opName === 'MEAN')!;
  const model = TfliteGraphModel.fromParsed(parsed, { tapTensorName: parsed.tensors[meanOp.inputs[0]!]!.name });
  const decoder = createNodeDecoder();
  for (const v of VARIANTS) {
    const items = v.all ? big : big.filter((im) => small.has(im.id));
    const path = resolve(OUT, `${v.name}.bin`);
    if (existsSync(path)) continue;
    const out = new Float32Array(items.length * 3 * 1280);
    const t0 = performance.now();
    for (let i = 0; i < items.length; i += 4) {
      const chunk = items.slice(i, i + 4);
      const px = await Promise.all(chunk.map((im) => decoder.decode(new Uint8Array(readFileSync(im.path)), DEFAULT_IMAGE_LIMITS)));
      const pooled = tf.tidy(() => {
        let x = toModelInput(px, v.frame);
        if (v.flip) x = tf.reverse(x, 2);
        const fm = tf.reshape(model.predict(x), [chunk.length, 49, 1280]);
        const gem = tf.pow(tf.mean(tf.pow(tf.add(fm, 1e-6), 3), 1), 1 / 3);
        return tf.stack([tf.mean(fm, 1), tf.max(fm, 1), gem], 1); // [n, 3, 1280]
      });
      out.set(pooled.dataSync(), i * 3 * 1280);
      pooled.dispose();
      if (i % 80 === 0) process.stderr.write(`${v.name} ${i}/${items.length} ${((i + 4) / ((performance.now() - t0) / 1000)).toFixed(1)} img/s\n`);
    }
    writeFileSync(path, out);
  }
  // The classifier head (1x1 conv 1280 -> 1001) for logit features.
  const conv = parsed.operators.find((op) => op.opName === 'CONV_2D' && op.inputs[0] === meanOp.outputs[0]) ?? parsed.operators[parsed.operators.length - 4]!;
  const { dequantize } = await import('../../src/engine/tflite/dequantize');
  writeFileSync(resolve(OUT, 'head-w.bin'), dequantize(parsed.tensors[conv.inputs[1]!]!));
  writeFileSync(resolve(OUT, 'head-b.bin'), dequantize(parsed.tensors[conv.inputs[2]!]!));
  console.log('pools', POOLS.join(','), 'head op inputs', conv.inputs);
  model.dispose();
}

void main();
