import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { Extractor, type ExtractItem } from '../../src/engine/extract/extractor';
import type { ImagePreparer } from '../../src/engine/extract/prepare';
import type { ImageAttributes } from '../../src/features/contract';
import { MODEL_ASSET, readAsset } from '../setup/assets';
import { createNodeDecoder } from './node-decoder';
import type { LabelledImage } from './dataset';

/**
 * The Node extractor: the same Extractor as the browser, on the wasm backend (single thread), sharp decoding.
 * With a `preparer` (node-preparer.ts: a worker thread, owned by the caller) decoding, resizing and
 * attributes leave the model's thread; one process per core (parallel.ts) does without.
 */
export async function loadNodeExtractor(batchSize = 4, preparer?: ImagePreparer): Promise<Extractor> {
  tf.env().set('IS_TEST', true); // silences the "install tfjs-node" banner; we use wasm on purpose
  const model = await readAsset(MODEL_ASSET);
  return Extractor.load({
    model,
    backend: 'wasm',
    candidates: ['wasm', 'cpu'],
    decoder: createNodeDecoder(),
    batchSize,
    ...(preparer ? { preparer } : {}),
  });
}

export interface NodeExtraction {
  item: ExtractItem;
  attributes?: ImageAttributes;
}

/** Extracts embeddings (and attributes from the same decoded pixels) for files, with progress on stderr. */
export async function extractFiles(
  extractor: Extractor,
  images: readonly LabelledImage[],
  options: { attributes?: boolean; label?: string } = {},
): Promise<NodeExtraction[]> {
  const t0 = performance.now();
  let lastLog = 0;
  const items = await extractor.extract(
    images.map((im) => ({ id: im.id, bytes: new Uint8Array(readFileSync(im.path)) })),
    {
      // An image the attribute maths rejects keeps its embedding; its attributes stay absent.
      attributes: options.attributes === true,
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
  return items.map((item) => ({
    item,
    ...(item.ok && item.attributes ? { attributes: item.attributes } : {}),
  }));
}
