import type { ImageAttributes } from '../contract';
import { colorFamily } from './palette';
import { TEXTURE_INDEX } from './texture';

/**
 * Warm vs cool in [-1, 1]: weight of warm-family colours minus cool-family colours over all named
 * colour weight. Neutrals count in the denominator, so a black shirt with a small red logo is barely warm.
 */
export function warmth(attrs: ImageAttributes): number {
  let signed = 0;
  let total = 0;
  for (const c of attrs.colors) {
    const family = colorFamily(c.name);
    signed += family === 'warm' ? c.weight : family === 'cool' ? -c.weight : 0;
    total += c.weight;
  }
  return total > 0 ? signed / total : 0;
}

export type Tone = 'warm' | 'cool' | 'neutral';
export type TextureWord = 'smooth' | 'textured' | 'patterned';
export type ShapeWord = 'tall' | 'wide' | 'square';

export interface AttributeFacts {
  /** Heaviest named colour, or undefined when no colour survived (should not happen for real images). */
  dominantColor: string | undefined;
  /** Second named colour if it covers at least 20% of the foreground. */
  secondaryColor: string | undefined;
  tone: Tone;
  texture: TextureWord;
  shape: ShapeWord;
}

/** Thresholds for the words, shared with tests and explanations. */
export const DESCRIBE_THRESHOLDS = {
  /** |warmth| above this gives a warm/cool tone. */
  tone: 0.25,
  /** Gradient energy (texture[10]) under this is smooth. */
  smoothEnergy: 0.3,
  /** Coherence (texture[13]) above this, with energy, is a pattern (stripes, regular weave). */
  patternCoherence: 0.5,
  /** Aspect ratio under 1 / this is tall, above this is wide. */
  shapeRatio: 1.2,
} as const;

/** Short facts for explanations ("red, warm, smooth, tall"). Pure function of the attributes. */
export function describeAttributes(attrs: ImageAttributes): AttributeFacts {
  const t = DESCRIBE_THRESHOLDS;
  const w = warmth(attrs);
  const energy = attrs.texture[TEXTURE_INDEX.energy];
  const coherence = attrs.texture[TEXTURE_INDEX.coherence];
  const ratio = attrs.aspectRatio;
  const second = attrs.colors[1];
  return {
    dominantColor: attrs.colors[0]?.name,
    secondaryColor: second && second.weight >= 0.2 ? second.name : undefined,
    tone: w > t.tone ? 'warm' : w < -t.tone ? 'cool' : 'neutral',
    texture: energy < t.smoothEnergy ? 'smooth' : coherence > t.patternCoherence ? 'patterned' : 'textured',
    shape: ratio > t.shapeRatio ? 'wide' : ratio < 1 / t.shapeRatio ? 'tall' : 'square',
  };
}
