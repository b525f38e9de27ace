import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csrFromTriples } from '../../src/core/data';
import { centreAndNormalise } from '../../src/core/linalg';
import { BprModel, encodeItemParams, VbprModel, type ItemParams } from '../../src/core/models';
import { loadClothing, loadClothingFeatures } from '../eval/datasets/clothing';
import { implicitPositives, loadMovieLens } from '../eval/datasets/movielens';

/**
 * `npm run train [-- --dataset clothing|movielens] [--epochs N] [--quick]`: trains the PUBLIC item side of
 * a factor model on public/aggregate data and writes it for the browser (public/generated/item-params/,
 * gitignored). Same model code as in the browser; user vectors are discarded here, never shipped.
 *  - clothing: VBPR on contributor wardrobes + image features (q_i = [gamma_i ; E^T f_i], E and beta'
 *    ship too so catalog items without interactions are scored from pixels).
 *  - movielens: BPR on implicit positives (rating >= 4).
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const dataset = arg('dataset') ?? 'clothing';
  const quick = process.argv.includes('--quick');
  const assets = resolve(root, process.env.GLIMPSE_ASSETS ?? '../shared/assets');
  const log = (l: string) => console.log(`  ${l}`);
  let params: ItemParams;
  let meta: Record<string, unknown>;
  if (dataset === 'clothing') {
    const c = loadClothing(assets);
    const visual = await loadClothingFeatures(root, assets, c, log);
    const epochs = Number(arg('epochs') ?? (quick ? 5 : 30));
    const model = new VbprModel({ factors: 10, visualFactors: 20, epochs, visualRegularization: 0.0001, seed: 1 });
    const report = model.fit(
      { interactions: csrFromTriples(c.wardrobes, c.contributors.size, c.items.size), features: centreAndNormalise(visual.matrix) },
      { onEpoch: (e) => log(`epoch ${e.epoch}: loss ${e.loss.toFixed(4)} (${e.ms.toFixed(0)} ms)`) },
    );
    params = { ...model.itemParams, itemIds: c.items.ids };
    meta = { dataset: 'clothing-dataset wardrobes', features: visual.source, featureTransform: 'centred on the catalog mean, L2-normalised', epochs: report.epochs, samples: report.samples, trainMs: Math.round(report.ms), rolledBack: report.rolledBack };
  } else if (dataset === 'movielens') {
    const ml = loadMovieLens(assets);
    const epochs = Number(arg('epochs') ?? (quick ? 10 : 100));
    const model = new BprModel({ factors: 50, epochs, learningRate: 0.05, regularization: 0.02, seed: 1 });
    const report = model.fit({ interactions: csrFromTriples(implicitPositives(ml), ml.users.size, ml.items.size) });
    params = { ...model.itemParams, itemIds: ml.items.ids };
    meta = { dataset: 'movielens-latest-small, rating >= 4', epochs: report.epochs, samples: report.samples, trainMs: Math.round(report.ms), rolledBack: report.rolledBack };
  } else throw new Error(`unknown --dataset ${dataset} (clothing | movielens)`);
  const bytes = encodeItemParams(params, { ...meta, trainedAt: new Date().toISOString() });
  const out = resolve(root, 'public/generated/item-params', `${dataset}-${params.model}.glparams`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${(bytes.length / 1024).toFixed(0)} KiB, ${params.factors.rows} items x ${params.factors.cols} dims)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
