import type { RgbaImage } from '../../features/contract';
import { ImageError, type ImageLimits, DEFAULT_IMAGE_LIMITS } from '../../features/image-check';

/** Turns encoded image bytes into RGBA pixels. Browser/worker: createImageBitmap; Node: sharp (scripts/). */
export interface ImageDecoder {
  decode(bytes: Uint8Array, limits: ImageLimits): Promise<RgbaImage>;
}

function securityError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: string }).name === 'SecurityError';
}

/**
 * Reads pixels from anything drawable (ImageBitmap, and on the main thread an <img> or <canvas>).
 * A cross-origin image without CORS taints the canvas: that becomes a 'cors-tainted' ImageError.
 */
export function pixelsFromDrawable(source: CanvasImageSource, width: number, height: number, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): RgbaImage {
  if (width === 0 || height === 0) throw new ImageError('zero-size', `The image has zero size (${width}x${height}).`);
  if (width >= limits.maxSide || height >= limits.maxSide || width * height > limits.maxPixels) {
    throw new ImageError('too-large', `The decoded image is too large (${width}x${height}).`);
  }
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new ImageError('decode-failed', 'No 2D canvas context available to read pixels.');
  ctx.drawImage(source, 0, 0);
  try {
    const data = ctx.getImageData(0, 0, width, height);
    return { data: data.data, width, height };
  } catch (err) {
    if (securityError(err)) {
      throw new ImageError('cors-tainted', 'The image comes from another origin without CORS permission, so its pixels cannot be read.');
    }
    throw new ImageError('decode-failed', `Reading pixels failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Decoder for browsers and Web Workers (no DOM needed): createImageBitmap + OffscreenCanvas. */
export function createBrowserDecoder(): ImageDecoder {
  return {
    async decode(bytes, limits) {
      let bitmap: ImageBitmap;
      try {
        bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]), { colorSpaceConversion: 'default', premultiplyAlpha: 'none' });
      } catch (err) {
        throw new ImageError('decode-failed', `The browser could not decode the image: ${err instanceof Error ? err.message : String(err)}`);
      }
      try {
        return pixelsFromDrawable(bitmap, bitmap.width, bitmap.height, limits);
      } finally {
        bitmap.close();
      }
    },
  };
}
