import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareBytes } from '../../src/engine/extract/prepare';
import { DEFAULT_IMAGE_LIMITS, ImageError } from '../../src/features/image-check';
import { garmentOnBackground } from '../../src/testing/synthetic-images';
import { createNodeDecoder } from './node-decoder';
import { createNodePreparer, spawnPrepThread } from './node-preparer';

/** A real JPEG larger than the model input, so the resize runs: a red garment on a light background. */
async function photo(): Promise<Uint8Array> {
  const { image } = garmentOnBackground(320, [200, 30, 40], [235, 235, 230]);
  const jpeg = await sharp(Buffer.from(image.data), {
    raw: { width: image.width, height: image.height, channels: 4 },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
  return new Uint8Array(jpeg);
}

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));

describe('createNodePreparer (worker thread)', () => {
  it('gives exactly what preparing on this thread gives, attributes included', async () => {
    const preparer = createNodePreparer();
    disposers.push(() => preparer.dispose());
    const bytes = await photo();
    const there = await preparer.prepare(bytes, DEFAULT_IMAGE_LIMITS, true);
    const here = await prepareBytes(createNodeDecoder(), bytes, DEFAULT_IMAGE_LIMITS, true);
    expect(preparer.fallbackReason).toBeUndefined();
    expect('rgb' in there.image && there.image.rgb.length).toBe(224 * 224 * 3);
    expect(there).toEqual(here);
    expect(there.attributes?.colors.length).toBeGreaterThan(0);
  });

  it('turns a bad image into a typed ImageError and keeps the thread', async () => {
    const preparer = createNodePreparer();
    disposers.push(() => preparer.dispose());
    const junk = new Uint8Array(4096).fill(7);
    const err = await preparer.prepare(junk, DEFAULT_IMAGE_LIMITS, false).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageError);
    expect((err as ImageError).code).toBe('unsupported-format');
    expect(preparer.fallbackReason).toBeUndefined();
    await expect(preparer.prepare(await photo(), DEFAULT_IMAGE_LIMITS, false)).resolves.toBeDefined();
  });

  it('prepares on this thread when the thread dies, and says why', async () => {
    const broken = new URL('./no-such-prep-thread.mjs', import.meta.url);
    const preparer = createNodePreparer(() => spawnPrepThread(broken));
    disposers.push(() => preparer.dispose());
    const bytes = await photo();
    const got = await preparer.prepare(bytes, DEFAULT_IMAGE_LIMITS, false);
    expect(got).toEqual(await prepareBytes(createNodeDecoder(), bytes, DEFAULT_IMAGE_LIMITS, false));
    await expect.poll(() => preparer.fallbackReason).toMatch(/prep worker stopped/);
  });
});
