import { centerAndNormalize, meanVector } from '../../features/embedding-post';

/**
 * Share of the CNN block in the widget's visual vector. Each block is centred on the partner's catalog mean,
 * L2-normalised and scaled by sqrt(share), so the cosine of two vectors is
 * CNN_SHARE * cos(centred CNN) + (1 - CNN_SHARE) * cos(centred attributes): the CNN brings "same kind of
 * garment", the attributes keep colour/texture/shape (and the colour name that explains a match).
 * Centring matters: uncentred, every CNN cosine (ImageNet features share a large common component) and every
 * histogram cosine (all non-negative) is high, and whichever block varies least flattens the other.
 */
export const CNN_SHARE = 0.5;

/** One image's two blocks before combining. */
export interface VisualParts {
  /** CNN vector (L2-normalised raw embedding, or projected into a feature file's space); null: attributes only. */
  cnn: Float32Array | null;
  /** attributeVector() of the image. */
  attr: Float32Array;
}

export interface BlockSpace {
  /** True when vectors carry the CNN block (every catalog item had one). */
  readonly hasCnn: boolean;
  /** The combined unit vector of one image (catalog item or shopper's photo) in this catalog's space. */
  combine(parts: VisualParts): Float32Array;
}

/**
 * Fits the per-block means on the partner's catalog. The CNN block is used only when every item has one:
 * a catalog where the model could not run for some items falls back to attributes for all (never mixed).
 */
export function fitBlockSpace(catalog: readonly VisualParts[]): BlockSpace {
  const hasCnn = catalog.length > 0 && catalog.every((p) => p.cnn !== null);
  const attrMean = catalog.length > 0 ? meanVector(catalog.map((p) => p.attr)) : null;
  const cnnMean = hasCnn ? meanVector(catalog.map((p) => p.cnn!)) : null;
  const cnnScale = Math.sqrt(CNN_SHARE);
  const attrScale = Math.sqrt(1 - CNN_SHARE);
  return {
    hasCnn,
    combine(parts) {
      const attr = centerAndNormalize(parts.attr, attrMean);
      if (!hasCnn) return attr;
      if (!parts.cnn) throw new Error('This catalog is matched with the visual model: the image needs its CNN vector too.');
      const cnn = centerAndNormalize(parts.cnn, cnnMean);
      const out = new Float32Array(cnn.length + attr.length);
      for (let i = 0; i < cnn.length; i++) out[i] = cnn[i]! * cnnScale;
      for (let i = 0; i < attr.length; i++) out[cnn.length + i] = attr[i]! * attrScale;
      return out;
    },
  };
}
