import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ATTRIBUTES_EXTRACTOR, attributeVector, computeAttributes } from '../../../src/features/attributes';
import type { RgbaImage } from '../../../src/features/contract';
import { decodeFeatureFile, encodeFeatureFile } from '../../../src/features/feature-file';
import { DEFAULT_IMAGE_LIMITS } from '../../../src/features/image-check';
import { createNodeDecoder } from '../../features/node-decoder';

/**
 * Pixel-level features of clothing photos for the visual suites, without MobileNetV2: the product's
 * interpretable attribute vector (same decoder and maths as `npm run features`) and a raw 32x32 RGB
 * thumbnail baseline. About 3 photos/s on a shared core, so they are computed only for the photos a
 * suite asks for and cached in .cache/eval/clothing-pixels.glff (gitignored), keyed by the attribute
 * extractor's version.
 */
export const THUMB = 32;
const CACHE = '.cache/eval/clothing-pixels.glff';

export interface PixelFeatures {
  attributes: Float32Array;
  thumb: Float32Array;
}

const versions = { attributes: ATTRIBUTES_EXTRACTOR, thumb: THUMB };

/** Area-average resize to THUMB x THUMB RGB, scaled to [0, 1]. */
export function thumbnail(img: RgbaImage): Float32Array {
  const out = new Float32Array(THUMB * THUMB * 3);
  for (let ty = 0; ty < THUMB; ty++) {
    const y0 = Math.floor((ty * img.height) / THUMB);
    const y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * img.height) / THUMB));
    for (let tx = 0; tx < THUMB; tx++) {
      const x0 = Math.floor((tx * img.width) / THUMB);
      const x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * img.width) / THUMB));
      let r = 0, g = 0, b = 0, n = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const p = (y * img.width + x) * 4;
          r += img.data[p]!;
          g += img.data[p + 1]!;
          b += img.data[p + 2]!;
          n++;
        }
      }
      const o = (ty * THUMB + tx) * 3;
      out[o] = r / n / 255;
      out[o + 1] = g / n / 255;
      out[o + 2] = b / n / 255;
    }
  }
  return out;
}

function readPixelCache(path: string): Map<string, PixelFeatures> {
  const map = new Map<string, PixelFeatures>();
  if (!existsSync(path)) return map;
  const file = decodeFeatureFile(new Uint8Array(readFileSync(path)));
  if (JSON.stringify(file.meta?.versions) !== JSON.stringify(versions)) return map; // changed extractor: recompute
  const a = file.matrices.attributes!, t = file.matrices.thumb!;
  file.ids.forEach((id, i) =>
    map.set(id, { attributes: a.data.slice(i * a.dims, (i + 1) * a.dims), thumb: t.data.slice(i * t.dims, (i + 1) * t.dims) }),
  );
  return map;
}

function writePixelCache(path: string, map: Map<string, PixelFeatures>): void {
  const ids = [...map.keys()];
  const cat = (pick: (p: PixelFeatures) => Float32Array, dims: number) => {
    const out = new Float32Array(ids.length * dims);
    ids.forEach((id, i) => out.set(pick(map.get(id)!), i * dims));
    return out;
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    `${path}.tmp`,
    encodeFeatureFile({
      extractor: ATTRIBUTES_EXTRACTOR,
      ids,
      matrices: {
        attributes: { dims: ATTRIBUTES_EXTRACTOR.dims, data: cat((p) => p.attributes, ATTRIBUTES_EXTRACTOR.dims), encoding: 'float32' },
        thumb: { dims: THUMB * THUMB * 3, data: cat((p) => p.thumb, THUMB * THUMB * 3), encoding: 'float16' },
      },
      meta: { versions },
    }),
  );
  renameSync(`${path}.tmp`, path);
}

/**
 * Pixel features of the given photos (ids of clothing-dataset/images/<id>.jpg), computing and caching the
 * missing ones. Photos that fail to decode or analyse are absent from the result (and logged).
 */
export async function pixelFeatures(root: string, assets: string, ids: readonly string[], log: (l: string) => void): Promise<Map<string, PixelFeatures>> {
  const path = resolve(root, CACHE);
  const cache = readPixelCache(path);
  const todo = [...new Set(ids)].filter((id) => !cache.has(id));
  if (todo.length) {
    log(`pixel features: ${todo.length} of ${ids.length} photos to compute (cached in ${CACHE})`);
    const decoder = createNodeDecoder();
    const t0 = performance.now();
    for (let i = 0; i < todo.length; i++) {
      const id = todo[i]!;
      try {
        const img = await decoder.decode(new Uint8Array(readFileSync(resolve(assets, 'clothing-dataset/images', `${id}.jpg`))), DEFAULT_IMAGE_LIMITS);
        cache.set(id, { attributes: attributeVector(computeAttributes(img)), thumb: thumbnail(img) });
      } catch (e) {
        log(`  skipped ${id}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if ((i + 1) % 100 === 0 || i + 1 === todo.length) {
        writePixelCache(path, cache);
        log(`  ${i + 1}/${todo.length} (${((i + 1) / ((performance.now() - t0) / 1000)).toFixed(1)} photos/s)`);
      }
    }
  }
  return new Map(ids.filter((id) => cache.has(id)).map((id) => [id, cache.get(id)!]));
}
