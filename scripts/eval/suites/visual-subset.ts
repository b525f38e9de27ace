import { createRng, shuffle } from '../../../src/shared/random';

/** The 10 most frequent real garment classes of the clothing dataset. */
export const CLOTHING_CLASSES = ['T-Shirt', 'Longsleeve', 'Pants', 'Shoes', 'Shirt', 'Dress', 'Outwear', 'Shorts', 'Hat', 'Skirt'];
export const SUBSET_SEED = 1;

/** Seeded class-balanced sample: `perClass` images of each class (the first `extra` classes get one more). */
export function balancedClothingSubset<T extends { label: string }>(all: readonly T[], perClass: number, extra: number, seed = SUBSET_SEED): T[] {
  const rng = createRng(seed);
  return CLOTHING_CLASSES.flatMap((c, i) => shuffle(all.filter((im) => im.label === c), rng).slice(0, perClass + (i < extra ? 1 : 0)));
}
