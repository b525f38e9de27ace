import { DEFAULT_PROFILE_SCORE, type ProfileScoreOptions } from '../core/profile';
import { colorNameSimilarity } from '../features/attributes';

/** The profile score the engine ranks with: core's weights, plus shades pooling (navy likes count for blue). */
export const PROFILE_SCORE: ProfileScoreOptions = { ...DEFAULT_PROFILE_SCORE, colorSimilarity: colorNameSimilarity };
