import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { Extractor, type ExtractItem } from '../../src/engine/extract/extractor';
import type { RgbaImage } from '../../src/features/contract';
import type { ImageAttributes } from '../../src/features/contract';
import { MODEL_ASSET, readAsset } from '../setup/assets';
import { createNodeDecoder } from './node-decoder';
import type { LabelledImage } from './dataset';

/** The Node extractor: the same Extractor as the browser, on the wasm backend (single thread), sharp decoding. */
export async function loadNodeExtractor(batchSize = 4): Promise<Extractor> {
  tf.env().set('IS_TEST', true); // silences the "install tfjs-node" banner; we use wasm on purpose
  const model = await readAsset(MODEL_ASSET);
  return Extractor.load({ model, backend: 'wasm', candidates: ['wasm', 'cpu'], decoder: createNodeDecoder(), batchSize });
}

export interface NodeExtraction {
  item: ExtractItem;
  attributes?: ImageAttributes;
  /** Optional tiny thumbnail of the decoded pixels (e.g. the 32x32 baseline). */
  extra?: Float32Array;
}

/** Extracts embeddings (and attributes from the same decoded pixels) for files, with progress on stderr. */
export async function extractFiles(
  extractor: Extractor,
  images: readonly LabelledImage[],
  options: { attributes?: boolean; extra?: (pixels: RgbaImage) => Float32Array; label?: string } = {},
): Promise<NodeExtraction[]> {
  const extras = new Map<number, Float32Array>();
  const t0 = performance.now();
  let lastLog = 0;
  const items = await extractor.extract(
    images.map((im) => ({ id: im.id, bytes: new Uint8Array(readFileSync(im.path)) })),
    {
      // An image the attribute maths rejects keeps its embedding; its attributes stay absent.
      attributes: options.attributes === true,
      onDecoded: (i, pixels) => {
        if (options.extra) extras.set(i, options.extra(pixels));
      },
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastLog > 2000 || p.done === p.total) {
          lastLog = now;
          const rate = p.done / ((now - t0) / 1000);
          process.stderr.write(
            `  ${options.label ?? 'features'}: ${p.done}/${p.total} (${p.failed} failed) ${rate.toFixed(1)} img/s on ${p.backend}\n`,
          );
        }
      },
    },
  );
  return items.map((item, i) => ({
    item,
    ...(item.ok && item.attributes ? { attributes: item.attributes } : {}),
    ...(extras.has(i) ? { extra: extras.get(i)! } : {}),
  }));
}
