import { resolve } from 'node:path';
import { COLOR_HISTOGRAM_LENGTH } from '../../../src/features/attributes';
import { fitPca, projectPca } from '../../../src/features/pca';
import { MOBILENET_EXTRACTOR } from '../../../src/engine/extract/extractor';
import { FRAME_MODE } from '../../../src/engine/extract/prepare';
import { pixelFeatures, THUMB } from '../datasets/clothing-pixels';
import { centred, concatWeighted, inClasses, loadVisualPhotos, score, SHIPPED, SHIPPED_NOTES, shippedSpace, unit, visualRow, type Scored, type VisualPhoto } from '../datasets/clothing-visual';
import { balancedClothingSubset } from './visual-subset';
import type { EvalRow, EvalSuite } from '../report';

/**
 * Category retrieval on the clothing photos (issue 3): for each photo, is its nearest other photo (cosine)
 * of the same garment class (P@1), and do same-class pairs score above different-class pairs (pair AUC)?
 * Headline protocol: class-balanced random samples of 372 photos (37-38 per class, the size of the
 * issue's reference sample) of the 10 main classes, 10 seeds. Features: the MobileNetV2 embedding
 * (mean-subtracted, L2), its PCA reductions (loss measured), the interpretable attributes (colour only,
 * and colour+texture+shape), embedding+attributes combined, and a raw 32x32 pixel baseline. Then the full
 * set with and without the photo's own contributor as a possible neighbour (the "photographer" effect).
 * The reference protocol is suite visual-reference; learned projections are suite visual-projection.
 */
const PREPROCESSING = `extractor v${MOBILENET_EXTRACTOR.version}, area-average resize, ${FRAME_MODE}`;
const PROTOCOL = 'category retrieval: nearest neighbour by cosine, leave-one-out';

type Features = (sample: VisualPhoto[]) => Promise<[model: string, rows: Float32Array[], notes: string][]>;

async function bySeeds(seeds: number[], sampleOf: (seed: number) => VisualPhoto[], features: Features, dataset: string): Promise<EvalRow[]> {
  const runs = new Map<string, { notes: string; scores: Scored[] }>();
  for (const seed of seeds) {
    const sample = sampleOf(seed);
    const labels = sample.map((p) => p.label);
    for (const [model, rows, notes] of await features(sample)) {
      const r = runs.get(model) ?? { notes, scores: [] };
      r.scores.push(score(rows, labels));
      runs.set(model, r);
    }
  }
  return [...runs].map(([model, { notes, scores }]) =>
    visualRow({ suite: 'visual', dataset, protocol: PROTOCOL, model, candidates: 'all other photos of the sample', notes }, seeds, scores),
  );
}

const suite: EvalSuite = {
  name: 'visual',
  description: 'category retrieval on clothing photos: MobileNetV2 embedding, PCA, attributes, combined, pixels',
  async run({ quick, assets, outDir, log }) {
    const root = resolve(outDir, '..');
    const photos = loadVisualPhotos(root, assets);
    const ten = photos.filter(inClasses);
    const sampleOf = (seed: number) => balancedClothingSubset(ten, 37, 2, seed);
    const seeds = quick ? [1] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const pixelSeeds = quick ? [1] : [1, 2, 3];
    const balanced = `clothing-dataset: class-balanced random 372 of the ${ten.length} wardrobe photos of the 10 main classes`;
    const rows = await bySeeds(
      seeds,
      sampleOf,
      async (sample) => {
        const emb = centred(sample.map((p) => p.embedding));
        const out: [string, Float32Array[], string][] = [
          [SHIPPED, shippedSpace(sample.map((p) => p.embedding)), SHIPPED_NOTES],
          ['mobilenet-v2 gap (1280-d, mean-subtracted)', emb, `cosine after sample-mean subtraction + L2; input: ${PREPROCESSING}`],
          ['mobilenet-v2 gap, no mean subtraction', unit(sample.map((p) => p.embedding)), 'plain cosine'],
        ];
        for (const k of [128, 64, 32]) {
          const pca = fitPca(emb, k, { seed: 1 });
          out.push([`mobilenet-v2 + PCA-${k}`, unit(emb.map((v) => projectPca(pca, v))), 'PCA fitted on the sample (seeded subspace iteration)']);
        }
        return out;
      },
      balanced,
    );
    // Attributes cost a decode + analysis per photo, so they are measured on fewer seeds.
    rows.push(
      ...(await bySeeds(
        pixelSeeds,
        sampleOf,
        async (sample) => {
          const pix = await pixelFeatures(root, assets, sample.map((p) => p.id), log);
          if (pix.size !== sample.length) throw new Error(`pixel features missing for ${sample.length - pix.size} photos`);
          const attrs = sample.map((p) => pix.get(p.id)!.attributes);
          const attr = unit(attrs);
          const emb = centred(sample.map((p) => p.embedding));
          const shipped = shippedSpace(sample.map((p) => p.embedding));
          return [
            ['combined: 0.9 shipped space + 0.1 attributes', concatWeighted(shipped, attr, 0.9), 'weighted sum of the two cosines'],
            ['colour only (attribute colour histogram)', unit(attrs.map((a) => a.slice(0, COLOR_HISTOGRAM_LENGTH))), 'Hellinger/Bhattacharyya cosine, foreground only'],
            ['attributes (colour+texture+shape)', attr, 'attributeVector cosine'],
            ['combined: 0.9 embedding + 0.1 attributes', concatWeighted(emb, attr, 0.9), 'weighted sum of the two cosines'],
            ['combined: 0.8 embedding + 0.2 attributes', concatWeighted(emb, attr, 0.8), 'weighted sum of the two cosines'],
            [`raw ${THUMB}x${THUMB} RGB pixels (baseline)`, centred(sample.map((p) => pix.get(p.id)!.thumb)), 'cosine after mean subtraction'],
          ];
        },
        balanced,
      )),
    );
    if (!quick) {
      const labels = ten.map((p) => p.label), groups = ten.map((p) => p.contributor);
      const emb = centred(ten.map((p) => p.embedding));
      const full = `clothing-dataset: all ${ten.length} wardrobe photos of the 10 main classes (${new Set(groups).size} contributors, kids included)`;
      const model = 'mobilenet-v2 gap (1280-d, mean-subtracted)';
      const notes = 'no projection; the gap between the two rows is what recognising the photographer (background, light, camera) is worth';
      const shipped = shippedSpace(ten.map((p) => p.embedding));
      rows.push(visualRow({ suite: 'visual', dataset: full, protocol: PROTOCOL, model: SHIPPED, candidates: 'all other photos (own contributor included)', notes: SHIPPED_NOTES }, [], [score(shipped, labels)]));
      rows.push(
        visualRow({ suite: 'visual', dataset: full, protocol: PROTOCOL, model: SHIPPED, candidates: 'photos of other contributors only (same-contributor pairs left out of P@1 and AUC)', notes: SHIPPED_NOTES }, [], [score(shipped, labels, groups)]),
      );
      rows.push(visualRow({ suite: 'visual', dataset: full, protocol: PROTOCOL, model, candidates: 'all other photos (own contributor included)', notes }, [], [score(emb, labels)]));
      rows.push(
        visualRow({ suite: 'visual', dataset: full, protocol: PROTOCOL, model, candidates: 'photos of other contributors only (same-contributor pairs left out of P@1 and AUC)', notes }, [], [score(emb, labels, groups)]),
      );
    }
    return rows;
  },
};

export default suite;
