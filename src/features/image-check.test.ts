import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkImageBytes, ImageError, type ImageErrorCode } from './image-check';
import { boxDownsample } from './downsample';

const expectCode = (bytes: Uint8Array, code: ImageErrorCode): void => {
  try {
    checkImageBytes(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(ImageError);
    expect((err as ImageError).code).toBe(code);
    return;
  }
  throw new Error(`expected ImageError ${code}`);
};

/** Minimal 1x1 GIF frame (image descriptor + LZW data). */
const frame = [0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00];
const gifHead = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0, 0xff, 0xff, 0xff, 0, 0, 0];

describe('checkImageBytes', () => {
  let jpeg: Uint8Array;
  let png: Uint8Array;
  beforeAll(async () => {
    const raw = { raw: { width: 40, height: 30, channels: 3 as const } };
    const pixels = Buffer.alloc(40 * 30 * 3, 200);
    jpeg = new Uint8Array(await sharp(pixels, raw).jpeg().toBuffer());
    png = new Uint8Array(await sharp(pixels, raw).png().toBuffer());
  });

  it('reads format and size of good JPEG, PNG and GIF files', () => {
    expect(checkImageBytes(jpeg)).toEqual({ format: 'jpeg', width: 40, height: 30 });
    expect(checkImageBytes(png)).toEqual({ format: 'png', width: 40, height: 30 });
    expect(checkImageBytes(Uint8Array.from([...gifHead, ...frame, 0x3b]))).toEqual({ format: 'gif', width: 1, height: 1 });
  });

  it('gives each kind of bad input its own error', () => {
    expectCode(new Uint8Array(0), 'empty');
    expectCode(jpeg.slice(0, jpeg.length - 50), 'truncated');
    expectCode(png.slice(0, png.length - 20), 'truncated');
    expectCode(jpeg.slice(0, 10), 'truncated');
    expectCode(new TextEncoder().encode('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), 'svg');
    expectCode(new TextEncoder().encode('hello, not an image'), 'unsupported-format');
    expectCode(Uint8Array.from([...gifHead, ...frame, ...frame, 0x3b]), 'animated');
    const huge = png.slice();
    new DataView(huge.buffer).setUint32(16, 20000);
    new DataView(huge.buffer).setUint32(20, 20000);
    expectCode(huge, 'too-large');
    const zero = png.slice();
    new DataView(zero.buffer).setUint32(16, 0);
    expectCode(zero, 'zero-size');
    // APNG: an acTL chunk right after IHDR.
    const actl = Uint8Array.from([0, 0, 0, 8, 0x61, 0x63, 0x54, 0x4c, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]);
    const apng = new Uint8Array(png.length + actl.length);
    apng.set(png.subarray(0, 33));
    apng.set(actl, 33);
    apng.set(png.subarray(33), 33 + actl.length);
    expectCode(apng, 'animated');
  });
});

describe('boxDownsample', () => {
  it('averages k x k blocks and leaves small images alone', () => {
    const data = new Uint8ClampedArray(8 * 4 * 4);
    for (let i = 0; i < 8 * 4; i++) data.set(i % 2 ? [255, 0, 0, 255] : [0, 0, 255, 255], i * 4);
    const out = boxDownsample({ data, width: 8, height: 4 }, 2);
    expect([out.width, out.height]).toEqual([4, 2]);
    expect(Array.from(out.data.subarray(0, 4))).toEqual([128, 0, 128, 255]);
    const small = { data: new Uint8ClampedArray(16), width: 2, height: 2 };
    expect(boxDownsample(small, 224)).toBe(small);
  });
});
