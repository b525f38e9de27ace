import { DEFAULT_PROFILE_SCORE, type ProfileScoreOptions } from '../core/profile';
import { colorNameSimilarity } from '../features/attributes';

/**
 * The profile score the engine ranks with. The MobileNetV2 taste cosine mostly says "same kind of garment"
 * (ImageNet features barely see colour), so the shopper's named-attribute preferences weigh as much as it
 * here; shades pool (navy likes count for blue).
 */
export const PROFILE_SCORE: ProfileScoreOptions = {
  ...DEFAULT_PROFILE_SCORE,
  visualWeight: 1,
  attributeWeight: 1,
  colorSimilarity: colorNameSimilarity,
};
