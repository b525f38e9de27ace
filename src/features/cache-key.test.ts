import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { extractorOfKey, featureCacheKey } from './cache-key';
import { sha256Hex } from './sha256';

const info = { id: 'mobilenet-v2-imagenet-gap', version: 1, dims: 1280 };

describe('sha256Hex', () => {
  it('matches node:crypto on edge lengths and random bytes', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_003]) {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = (i * 2654435761) >>> 24;
      expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('featureCacheKey', () => {
  it('changes with content and with every extractor field, and parses back', () => {
    const a = new Uint8Array([1, 2, 3]);
    const k = featureCacheKey(a, info);
    expect(k).toBe(featureCacheKey(new Uint8Array([1, 2, 3]), info));
    expect(featureCacheKey(new Uint8Array([1, 2, 4]), info)).not.toBe(k);
    expect(featureCacheKey(a, { ...info, version: 2 })).not.toBe(k);
    expect(featureCacheKey(a, { ...info, dims: 64 })).not.toBe(k);
    expect(featureCacheKey(a, { ...info, id: 'other' })).not.toBe(k);
    expect(extractorOfKey(k)).toEqual(info);
    expect(extractorOfKey('garbage')).toBeNull();
  });
});
