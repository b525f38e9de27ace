import type { RgbaImage } from '../../../features/contract';
import { attributeVector, ATTRIBUTES_EXTRACTOR, computeAttributes } from '../../../features/attributes';
import { paletteColor } from '../../../features/attributes/palette';
import type { ItemColor } from '../recs-client';

/**
 * Long side the pixels are decoded to and analysed at. 96 px keeps named colours and the histogram
 * stable while costing a quarter of the default 160 px (the in-page engine shares the CPU with the page).
 */
export const DECODE_SIDE = 96;

/** Decodes an image blob to RGBA at most DECODE_SIDE px on the long side (same path for catalog and photo). */
export async function decodeToRgba(blob: Blob): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(blob);
  try {
    const scale = Math.min(1, DECODE_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('No 2-D canvas available to read the image');
    ctx.drawImage(bitmap, 0, 0, width, height);
    const { data } = ctx.getImageData(0, 0, width, height);
    return { data, width, height };
  } finally {
    bitmap.close();
  }
}

export interface ExtractedFeatures {
  vector: Float32Array;
  colors: ItemColor[];
}

export function featuresOf(img: RgbaImage): ExtractedFeatures {
  const attrs = computeAttributes(img, { maxSide: DECODE_SIDE });
  return {
    vector: attributeVector(attrs),
    colors: attrs.colors.map((c) => ({ name: c.name, hex: paletteColor(c.name)?.hex ?? c.hex, weight: c.weight })),
  };
}

/** Cache key part: a new extractor version re-extracts, never mixes vectors. */
export const EXTRACTOR_TAG = `${ATTRIBUTES_EXTRACTOR.id}@${ATTRIBUTES_EXTRACTOR.version}/${DECODE_SIDE}px`;

function toBase64(v: Float32Array): string {
  const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(s: string): Float32Array {
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

interface CacheFile {
  tag: string;
  items: Record<string, { v: string; c: ItemColor[] }>;
}

/** Features per item id, cached in localStorage under the catalog URL (derived public data, not personal). */
export class FeatureCache {
  private readonly key: string;
  private data: CacheFile;
  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined,
    catalogKey: string,
  ) {
    this.key = `glimpse.features.${catalogKey}`;
    let parsed: CacheFile | undefined;
    try {
      parsed = JSON.parse(storage?.getItem(this.key) ?? 'null') as CacheFile | undefined;
    } catch {
      parsed = undefined;
    }
    this.data = parsed?.tag === EXTRACTOR_TAG ? parsed : { tag: EXTRACTOR_TAG, items: {} };
  }
  get(id: string): ExtractedFeatures | undefined {
    const hit = this.data.items[id];
    return hit && { vector: fromBase64(hit.v), colors: hit.c };
  }
  set(id: string, f: ExtractedFeatures): void {
    this.data.items[id] = { v: toBase64(f.vector), c: f.colors };
  }
  flush(): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.data));
    } catch {
      // Quota: features are re-extracted next time; nothing personal is lost.
    }
  }
}
