import { resolve } from 'node:path';
import { spectralWeights } from '../../../src/features/embedding-space';
import { fitPca, projectPca } from '../../../src/features/pca';
import { createRng, shuffle } from '../../../src/shared/random';
import { centred, inClasses, loadVisualPhotos, score, unit, visualRow } from '../datasets/clothing-visual';
import type { EvalRow, EvalSuite } from '../report';

/**
 * How the shipped embedding space's PCA size k and spectral exponent e were chosen (no labels enter the
 * space; labels only score it): on the photos of one half of the contributors (seeded shuffle, seed 100),
 * the space is fitted on those photos as on a catalog (centre, L2, PCA-k, component c scaled by
 * (variance_c / variance_0)^e, L2) and scored leave-one-out. e < 0 is (shrunk) whitening, e = 0 plain PCA.
 * The reported protocols (suites visual and visual-reference) use other samples / the full set.
 */
const KS = [32, 64, 256];
const EXPONENTS = [-0.5, -0.25, 0, 0.25, 0.5, 0.75, 1];

const suite: EvalSuite = {
  name: 'visual-spectral',
  description: 'choice of the embedding space (PCA size, spectral exponent) on one contributor half',
  async run({ quick, assets, outDir }) {
    const photos = loadVisualPhotos(resolve(outDir, '..'), assets).filter(inClasses);
    const contributors = [...new Set(photos.map((p) => p.contributor))].sort();
    const half = new Set(shuffle(contributors, createRng(100)).slice(0, Math.floor(contributors.length / 2)));
    const set = photos.filter((p) => half.has(p.contributor));
    const labels = set.map((p) => p.label), groups = set.map((p) => p.contributor);
    const c = centred(set.map((p) => p.embedding));
    const pca = fitPca(c, Math.max(...KS), { seed: 1 });
    const projected = c.map((v) => projectPca(pca, v));
    const dataset = `clothing-dataset: photos of the 10 main classes by ${half.size} of ${contributors.length} contributors (seed 100): ${set.length} photos`;
    const rows: EvalRow[] = [];
    const push = (model: string, vectors: Float32Array[], notes: string) => {
      const base = { suite: 'visual-spectral', dataset, protocol: 'category retrieval: nearest neighbour by cosine, leave-one-out', model, notes };
      rows.push(visualRow({ ...base, candidates: 'all other photos (own contributor included)' }, [], [score(vectors, labels)]));
      rows.push(visualRow({ ...base, candidates: 'photos of other contributors only' }, [], [score(vectors, labels, groups)]));
    };
    push('mobilenet-v2 gap (1280-d, mean-subtracted)', c, 'no projection');
    for (const k of quick ? [64] : KS) {
      for (const e of quick ? [0, 0.5] : EXPONENTS) {
        const w = spectralWeights(pca.variances.subarray(0, k), e);
        push(`PCA-${k}, spectral exponent ${e}`, unit(projected.map((p) => p.subarray(0, k).map((x, i) => x * w[i]!))), e < 0 ? 'whitening (shrunk when > -0.5)' : e === 0 ? 'plain PCA' : 'spectral weighting');
      }
    }
    return rows;
  },
};

export default suite;
