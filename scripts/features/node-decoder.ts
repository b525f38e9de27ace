import sharp from 'sharp';
import type { RgbaImage } from '../../src/features/contract';
import { ImageError, type ImageLimits } from '../../src/features/image-check';
import type { ImageDecoder } from '../../src/engine/extract/decode';

/**
 * Node decoder (sharp/libvips): RGBA at the file's own size, EXIF orientation applied and colours
 * converted to sRGB, like createImageBitmap's defaults in the browser. Resizing is left to the shared
 * TF.js preprocessing so both sides do the same maths.
 */
export function createNodeDecoder(): ImageDecoder {
  return {
    async decode(bytes: Uint8Array, limits: ImageLimits): Promise<RgbaImage> {
      try {
        const { data, info } = await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' })
          .rotate()
          .toColourspace('srgb')
          .ensureAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true });
        return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
      } catch (err) {
        throw new ImageError('decode-failed', `Could not decode the image: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}
