import type { ExtractorInfo } from './contract';
import { sha256Hex } from './sha256';

/**
 * Key of a cached feature vector: the image's content hash plus everything that changes the numbers
 * (extractor id, version, dims). A new extractor version gives new keys, so old vectors are never mixed in.
 */
export function featureCacheKey(imageBytes: Uint8Array, extractor: ExtractorInfo): string {
  return `${extractor.id}@${extractor.version}/${extractor.dims}/sha256:${sha256Hex(imageBytes)}`;
}

/** The extractor part of a key, to find and drop stale entries. */
export function extractorOfKey(key: string): { id: string; version: number; dims: number } | null {
  const m = /^(.+)@(\d+)\/(\d+)\/sha256:[0-9a-f]{64}$/.exec(key);
  return m ? { id: m[1]!, version: Number(m[2]), dims: Number(m[3]) } : null;
}
