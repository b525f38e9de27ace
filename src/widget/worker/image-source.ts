import type { RgbaImage } from '../../features/contract';
import { GlimpseWidgetError } from '../types';

/** The sentence every CORS failure carries: it names the three ways out. */
export const CORS_FIX =
  'Serve images with Access-Control-Allow-Origin or host them on the same origin as the page; or pass a precomputed feature file.';

/**
 * Fetches one partner image in the worker and decodes it to `size`x`size` RGBA. A failed CORS fetch and a
 * dead link look the same to fetch() (a TypeError), so a no-cors probe tells them apart: if the opaque
 * request succeeds, the image exists and only the CORS header is missing.
 */
export async function loadImagePixels(url: string, itemId: string, size: number, fetchImpl: typeof fetch = fetch): Promise<RgbaImage> {
  return decodeImage(await fetchImage(url, itemId, fetchImpl), url, itemId, size);
}

/** Downloads one partner image (see loadImagePixels for how CORS failures are told apart from dead links). */
export async function fetchImage(url: string, itemId: string, fetchImpl: typeof fetch = fetch): Promise<Blob> {
  let response: Response;
  try {
    response = await fetchImpl(url, { mode: 'cors', credentials: 'omit' });
  } catch {
    let reachable = false;
    try {
      await fetchImpl(url, { mode: 'no-cors', credentials: 'omit' });
      reachable = true;
    } catch { /* unreachable: reported as image-fetch below */ }
    throw new GlimpseWidgetError(reachable
      ? { code: 'image-cors', itemId, field: 'image', message: `The image of item "${itemId}" (${url}) is on another origin without CORS headers, so the widget cannot read its pixels.`, fix: CORS_FIX }
      : { code: 'image-fetch', itemId, field: 'image', message: `The image of item "${itemId}" (${url}) could not be downloaded.`, fix: 'Check that the image URL in the catalog is correct and reachable.' });
  }
  if (!response.ok) {
    throw new GlimpseWidgetError({ code: 'image-fetch', itemId, field: 'image', message: `The image of item "${itemId}" (${url}) answered HTTP ${response.status}.`, fix: 'Check that the image URL in the catalog is correct and reachable.' });
  }
  return response.blob();
}

/** Decodes a downloaded partner image, with the item named in the error. */
export async function decodeImage(blob: Blob, url: string, itemId: string, size: number): Promise<RgbaImage> {
  try {
    return await decode(blob, size);
  } catch {
    throw new GlimpseWidgetError({ code: 'image-decode', itemId, field: 'image', message: `The image of item "${itemId}" (${url}) is not a decodable picture.`, fix: 'Use JPEG, PNG, WebP or AVIF images.' });
  }
}

/** Decodes a Blob (partner image or the shopper's photo) to size x size RGBA, aspect-filled. */
export async function decode(blob: Blob, size: number): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(blob);
  try {
    const canvas = new OffscreenCanvas(size, size);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('2d context unavailable');
    const scale = Math.max(size / bitmap.width, size / bitmap.height);
    const w = bitmap.width * scale, h = bitmap.height * scale;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size, size);
    ctx.drawImage(bitmap, (size - w) / 2, (size - h) / 2, w, h);
    const { data } = ctx.getImageData(0, 0, size, size);
    return { data, width: size, height: size };
  } finally {
    bitmap.close();
  }
}
