import { resolve } from 'node:path';
import { ratioSplit } from '../../src/core/data';
import { VbprModel, type VbprConfig } from '../../src/core/models';
import { loadClothingEval } from './datasets/clothing-eval';
import { fitAndEvaluate, toSplitData } from './runner';

/**
 * `npx tsx scripts/eval/vbpr-validation.ts [--quick]`: chooses VBPR's visual optimiser (VBPR_ADAM_VISUAL)
 * without touching the clothing test split. For each seed, the clothing suite's own 80/20 split is made and
 * its test part set aside unseen; a second seeded 80/20 split of the TRAINING pairs gives fit / validation
 * pairs, and each variant is fitted on the first and ranked on the second (all items minus the fit items).
 */
const root = resolve(import.meta.dirname, '../..');
const quick = process.argv.includes('--quick');
const seeds = quick ? [1] : [1, 2, 3];
const epochs = quick ? 10 : 30;
const base: VbprConfig = { factors: 10, visualFactors: 20, epochs, learningRate: 0.05, regularization: 0.01, visualRegularization: 0.0001 };
const variants: Record<string, VbprConfig> = {
  sgd: { visualOptimizer: 'sgd' },
  'adam lr 0.001': { visualOptimizer: 'adam', visualLearningRate: 0.001 },
  'adam lr 0.003': { visualOptimizer: 'adam', visualLearningRate: 0.003 },
  'adam lr 0.01': { visualOptimizer: 'adam', visualLearningRate: 0.01 },
};

async function main(): Promise<void> {
  const assets = resolve(root, process.env.GLIMPSE_ASSETS ?? '../shared/assets');
  const ce = await loadClothingEval(assets, resolve(root, 'eval-results'), (l) => console.log(`  ${l}`));
  const c = ce.clothing;
  const sums = new Map<string, { ndcg: number[]; auc: number[] }>();
  for (const seed of seeds) {
    const outer = ratioSplit(c.wardrobes, 0.2, seed);
    const inner = ratioSplit(outer.train, 0.2, seed + 1000);
    const d = toSplitData(inner.train, inner.test, c.contributors.size, c.items.size);
    for (const [name, v] of Object.entries(variants)) {
      const m = fitAndEvaluate(new VbprModel({ ...base, ...v, seed }, name), { interactions: d.train, features: ce.visual }, d.test, { ks: [10] });
      const acc = sums.get(name) ?? { ndcg: [], auc: [] };
      acc.ndcg.push(m.metrics['NDCG@10']);
      acc.auc.push(m.metrics.AUC);
      sums.set(name, acc);
      console.log(`seed ${seed} ${name}: validation NDCG@10 ${m.metrics['NDCG@10'].toFixed(4)} AUC ${m.metrics.AUC.toFixed(4)} (${(m.trainMs / 1000).toFixed(1)} s)`);
    }
  }
  const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
  console.log(`\nvalidation (80/20 of each seed's training pairs; seeds ${seeds.join(',')}; ${epochs} epochs; ${ce.source})`);
  console.log('| variant | NDCG@10 | AUC |\n| --- | --- | --- |');
  for (const [name, a] of sums) console.log(`| ${name} | ${mean(a.ndcg).toFixed(3)} | ${mean(a.auc).toFixed(3)} |`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
