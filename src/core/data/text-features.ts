import { createMatrix, normaliseInPlace, type Matrix } from '../linalg';

/**
 * Item text as a second modality beside pixels: hashed bag of words (the "hashing trick", Weinberger et
 * al. 2009) with TF-IDF weighting and L2-normalised rows. Hashing keeps the vocabulary out of the shipped
 * parameters and gives a fixed dimension for VBPR's projection.
 */
export interface TextFeatureOptions {
  dims?: number;
  /** Down-weights very common tokens (IDF). Default true. */
  idf?: boolean;
}

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 1);
}

/** FNV-1a 32-bit hash: stable across runs and platforms. */
export function hashToken(token: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < token.length; k++) {
    h ^= token.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One document per item, each a list of fields (title, tags, category...) joined as tokens. */
export function textFeatures(docs: readonly string[][], options: TextFeatureOptions = {}): Matrix {
  const dims = options.dims ?? 256;
  const m = createMatrix(docs.length, dims);
  const df = new Float64Array(dims);
  docs.forEach((fields, r) => {
    const seen = new Set<number>();
    for (const field of fields)
      for (const tok of tokenize(field)) {
        const h = hashToken(tok);
        const b = h % dims;
        // Signed hashing halves collision bias (second hash bit picks the sign).
        m.data[r * dims + b] += (h >>> 31) & 1 ? -1 : 1;
        seen.add(b);
      }
    for (const b of seen) df[b]++;
  });
  if (options.idf ?? true) {
    for (let b = 0; b < dims; b++) {
      const idf = Math.log((1 + docs.length) / (1 + df[b])) + 1;
      for (let r = 0; r < docs.length; r++) m.data[r * dims + b] *= idf;
    }
  }
  for (let r = 0; r < docs.length; r++) normaliseInPlace(m.data, dims, r * dims);
  return m;
}
