import { resolve } from 'node:path';
import { textFeatures } from '../../../src/core/data';
import { centreAndNormalise, concatColumns, normaliseRows, randomProjection, type Matrix } from '../../../src/core/linalg';
import { loadClothing, loadClothingFeatures, type Clothing } from './clothing';
import { cachedClothing } from './clothing-features';

/** Everything the clothing and taste suites share: the wardrobes and their item features. */
export interface ClothingEval {
  clothing: Clothing;
  /** Mean-centred, L2-normalised visual features (what the content models score with). */
  visual: Matrix;
  /** VBPR's per-sample cost is O(dims x visual factors): a seeded 64-d random projection of `visual`. */
  compact: Matrix;
  /** Text modality: hashed TF-IDF of the garment's human category label (the dataset's only text). */
  text: Matrix;
  /** Visual (1280-d) and text side by side, equal weight (each block unit length): the fused modality. */
  fused: Matrix;
  /** Stated next to every number. */
  source: string;
}

/**
 * Loads the clothing wardrobes with MobileNetV2 features from the eval cache (`npm run eval:features`):
 * all photos when cached, else the contributor-stratified ~1,500-photo subset; without a cache, the older
 * fallbacks (a feature file from `npm run features`, else raw thumbnails), loudly.
 */
export async function loadClothingEval(assets: string, outDir: string, log: (l: string) => void): Promise<ClothingEval> {
  const root = resolve(outDir, '..');
  const all = loadClothing(assets);
  const cached = cachedClothing(root, all);
  if (!cached) log('no MobileNetV2 cache for the clothing set yet: run `nice -n 10 npm run eval:features` (falling back)');
  const clothing = cached?.clothing ?? all;
  const features = cached?.features ?? (await loadClothingFeatures(root, assets, all, log));
  const visual = centreAndNormalise(features.matrix);
  const compact = normaliseRows(randomProjection(visual, 64, 1));
  const text = textFeatures(
    clothing.labels.map((l) => [l]),
    { dims: 64 },
  );
  const fused = concatColumns([
    { m: visual, weight: Math.SQRT1_2 },
    { m: text, weight: Math.SQRT1_2 },
  ]);
  log(`${clothing.items.size} garments, ${clothing.contributors.size} contributors; features: ${features.source}`);
  return { clothing, visual, compact, text, fused, source: features.source };
}
