import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs-core';
import type { RgbaImage } from '../../src/features/contract';
import { areaResizeRgb, type FrameMode } from '../../src/features/downsample';
import { centerAndNormalize, meanVector } from '../../src/features/embedding-post';
import { retrievalScores } from '../../src/features/retrieval';
import { DEFAULT_IMAGE_LIMITS } from '../../src/features/image-check';
import { assetRoot } from '../setup/assets';
import { readLabelledFolder } from '../features/dataset';
import { createNodeDecoder } from '../features/node-decoder';
import { loadNodeExtractor } from '../features/node-extractor';
import { balancedClothingSubset } from './suites/visual-subset';

/**
 * One-off diagnostic (not part of the eval): embeds the visual suite's 372-photo subset under several
 * preprocessing variants and prints P@1 / pair AUC for each. Every variant hands the extractor a 224x224
 * image, which its own preprocessing leaves unchanged, so only the variant's resize/framing differs.
 * Usage: npx tsx scripts/eval/preprocess-sweep.ts [variant ...]
 */
const SIZE = 224;

function toRgba(rgb: Float32Array): RgbaImage {
  const out = new Uint8ClampedArray(SIZE * SIZE * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    out[j] = Math.round(rgb[i]!);
    out[j + 1] = Math.round(rgb[i + 1]!);
    out[j + 2] = Math.round(rgb[i + 2]!);
    out[j + 3] = 255;
  }
  return { data: out, width: SIZE, height: SIZE };
}

function bilinear(img: RgbaImage): RgbaImage {
  const rgb = tf.tidy(() => {
    const t = tf.slice(tf.tensor3d(Float32Array.from(img.data), [img.height, img.width, 4]), [0, 0, 0], [-1, -1, 3]);
    return tf.image.resizeBilinear(t as tf.Tensor3D, [SIZE, SIZE], false, true).dataSync() as Float32Array;
  });
  return toRgba(rgb);
}

async function viaSharp(img: RgbaImage, fit: 'fill' | 'cover' | 'contain'): Promise<RgbaImage> {
  const data = await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), { raw: { width: img.width, height: img.height, channels: 4 } })
    .resize(SIZE, SIZE, { fit, background: { r: 255, g: 255, b: 255, alpha: 1 } })
    .raw()
    .toBuffer();
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: SIZE, height: SIZE };
}

const area = (mode: FrameMode) => (img: RgbaImage) => toRgba(areaResizeRgb(img, SIZE, mode));

const VARIANTS: Record<string, (img: RgbaImage) => RgbaImage | Promise<RgbaImage>> = {
  'bilinear-squash (old)': bilinear,
  'area-squash': area('squash'),
  'area-center-crop': area('center-crop'),
  'area-letterbox': area('letterbox'),
  'sharp-lanczos-squash': (img) => viaSharp(img, 'fill'),
  'sharp-lanczos-crop': (img) => viaSharp(img, 'cover'),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const dir = resolve(assetRoot(), 'clothing-dataset');
  const { images } = readLabelledFolder(resolve(dir, 'images'), resolve(dir, 'images.csv'));
  const subset = balancedClothingSubset(images, 37, 2);
  const decoder = createNodeDecoder();
  const pixels = await Promise.all(subset.map((im) => decoder.decode(new Uint8Array(readFileSync(im.path)), DEFAULT_IMAGE_LIMITS)));
  const labels = subset.map((im) => im.label);
  const extractor = await loadNodeExtractor();
  try {
    for (const [name, fn] of Object.entries(VARIANTS)) {
      if (wanted.length && !wanted.some((w) => name.startsWith(w))) continue;
      const t0 = performance.now();
      const emb: Float32Array[] = [];
      for (let i = 0; i < pixels.length; i += 8) {
        const batch = await Promise.all(pixels.slice(i, i + 8).map(fn));
        emb.push(...(await extractor.embedPixels(batch)));
      }
      const mean = meanVector(emb);
      const s = retrievalScores(emb.map((v) => centerAndNormalize(v, mean)), labels);
      const secs = ((performance.now() - t0) / 1000).toFixed(0);
      console.log(`| ${name} | ${s.precisionAt1.toFixed(3)} | ${s.pairAuc.toFixed(3)} | ${secs} s |`);
    }
  } finally {
    extractor.dispose();
  }
}

void main();
