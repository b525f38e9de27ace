/**
 * Cheap checks on encoded image bytes before decoding, so bad input fails with a clear typed error
 * instead of hanging a decoder or exhausting memory: format sniffing, dimensions from the header,
 * animation, SVG, truncation. Pure: runs in the browser, a worker and Node alike.
 */

export type ImageErrorCode =
  | 'empty'
  | 'zero-size'
  | 'too-large'
  | 'truncated'
  | 'svg'
  | 'animated'
  | 'unsupported-format'
  | 'decode-failed'
  | 'cors-tainted'
  | 'fetch-failed'
  | 'aborted';

/** A per-item failure: the batch goes on, the item carries this. */
export class ImageError extends Error {
  override name = 'ImageError';
  constructor(
    readonly code: ImageErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** An ImageError as is; anything else thrown while reading an image becomes a 'decode-failed' one. */
export function toImageError(err: unknown): ImageError {
  return err instanceof ImageError ? err : new ImageError('decode-failed', err instanceof Error ? err.message : String(err));
}

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp';

export interface ImageLimits {
  /** Longest accepted side in pixels (exclusive). */
  maxSide: number;
  /** Largest accepted decoded area (width * height). */
  maxPixels: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxSide: 20000, maxPixels: 40_000_000 };

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

const startsWith = (b: Uint8Array, sig: number[], at = 0): boolean => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, at: number, n: number): string => String.fromCharCode(...b.subarray(at, at + n));
const u16be = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;
const u32be = (b: Uint8Array, i: number): number => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
const u16le = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);

function looksLikeSvg(b: Uint8Array): boolean {
  const head = ascii(b, 0, Math.min(b.length, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')) || head.startsWith('<!doctype svg');
}

/** Reads format and size from the header; throws ImageError for anything that must not be decoded. */
export function checkImageBytes(b: Uint8Array, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): ImageHeader {
  if (b.length === 0) throw new ImageError('empty', 'The image file is empty (0 bytes).');
  if (looksLikeSvg(b)) throw new ImageError('svg', 'SVG images are not supported: vector images have no fixed pixels to analyse.');
  const header = readHeader(b);
  const { width, height } = header;
  if (width === 0 || height === 0) throw new ImageError('zero-size', `The image has zero size (${width}x${height}).`);
  if (width >= limits.maxSide || height >= limits.maxSide || width * height > limits.maxPixels) {
    throw new ImageError(
      'too-large',
      `The image is too large to decode safely (${width}x${height}; limits: side < ${limits.maxSide}, ` +
        `area <= ${(limits.maxPixels / 1e6).toFixed(0)} MP).`,
    );
  }
  checkComplete(b, header.format);
  if (isAnimated(b, header.format)) {
    throw new ImageError('animated', `Animated ${header.format.toUpperCase()} images are not supported: use a still image.`);
  }
  return header;
}

function readHeader(b: Uint8Array): ImageHeader {
  const short = (): never => {
    throw new ImageError('truncated', 'The image file ends inside its header (truncated).');
  };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    if (b.length < 24) short();
    return { format: 'png', width: u32be(b, 16), height: u32be(b, 20) };
  }
  if (startsWith(b, [0xff, 0xd8])) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = b[i + 1]!;
      if (marker === 0xff) {
        i++;
        continue;
      }
      // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { format: 'jpeg', height: u16be(b, i + 5), width: u16be(b, i + 7) };
      }
      if (marker === 0xd9 || marker === 0xda) break;
      i += 2 + u16be(b, i + 2);
    }
    return short();
  }
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') {
    if (b.length < 10) short();
    return { format: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
  }
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    if (b.length < 30) short();
    const chunk = ascii(b, 12, 4);
    if (chunk === 'VP8X') return { format: 'webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
    if (chunk === 'VP8L') {
      const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8 ') return { format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
    throw new ImageError('unsupported-format', `Unknown WebP chunk ${JSON.stringify(chunk)}.`);
  }
  if (ascii(b, 0, 2) === 'BM') {
    if (b.length < 26) short();
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return { format: 'bmp', width: Math.abs(v.getInt32(18, true)), height: Math.abs(v.getInt32(22, true)) };
  }
  throw new ImageError('unsupported-format', 'Not a supported image (JPEG, PNG, GIF, WebP or BMP expected).');
}

/** Truncated files often still "decode" with a grey band; refuse them by their end markers. */
function checkComplete(b: Uint8Array, format: ImageFormat): void {
  const truncated = (what: string): never => {
    throw new ImageError('truncated', `The ${format.toUpperCase()} file is truncated (${what} missing).`);
  };
  if (format === 'jpeg') {
    let end = b.length;
    while (end > 2 && b[end - 1] === 0x00) end--; // some writers pad with zeros
    if (!(b[end - 2] === 0xff && b[end - 1] === 0xd9)) truncated('end-of-image marker');
  } else if (format === 'png') {
    if (ascii(b, Math.max(0, b.length - 8), 4) !== 'IEND') truncated('IEND chunk');
  } else if (format === 'gif') {
    if (b[b.length - 1] !== 0x3b) truncated('trailer');
  } else if (format === 'webp') {
    const riffSize = b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24);
    if (b.length < riffSize + 8) truncated(`${riffSize + 8 - b.length} bytes`);
  }
}

function isAnimated(b: Uint8Array, format: ImageFormat): boolean {
  if (format === 'png') {
    // APNG: an acTL chunk before the first IDAT.
    let i = 8;
    while (i + 8 <= b.length) {
      const type = ascii(b, i + 4, 4);
      if (type === 'acTL') return true;
      if (type === 'IDAT') return false;
      i += 12 + u32be(b, i);
    }
    return false;
  }
  if (format === 'gif') {
    // Count image descriptors (0x2C) while walking the block structure.
    let i = 13;
    if (b[10]! & 0x80) i += 3 * (1 << ((b[10]! & 7) + 1));
    let frames = 0;
    while (i < b.length) {
      const k = b[i]!;
      if (k === 0x3b) break;
      if (k === 0x21) {
        i += 2;
        while (i < b.length && b[i] !== 0) i += b[i]! + 1;
        i++;
      } else if (k === 0x2c) {
        if (++frames > 1) return true;
        const packed = b[i + 9]!;
        i += 10;
        if (packed & 0x80) i += 3 * (1 << ((packed & 7) + 1));
        i++; // LZW minimum code size
        while (i < b.length && b[i] !== 0) i += b[i]! + 1;
        i++;
      } else break;
    }
    return false;
  }
  if (format === 'webp') return ascii(b, 12, 4) === 'VP8X' && (b[20]! & 0x02) !== 0;
  return false;
}
