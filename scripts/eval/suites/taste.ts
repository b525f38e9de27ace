import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRng, shuffle } from '../../../src/shared/random';
import { createHistory, csrFromTriples } from '../../../src/core/data';
import { topK } from '../../../src/core/linalg';
import { ndcgAtK, precisionAtK } from '../../../src/core/metrics';
import { BprModel, ContentModel, PopularityModel, RandomModel, VbprModel, type Recommender } from '../../../src/core/models';
import { loadClothingEval } from '../datasets/clothing-eval';
import { barChartSvg } from '../plot';
import type { EvalRow, EvalSuite } from '../report';
import { RowAverager } from '../runner';

/**
 * Category-taste shoppers on the real photos: each simulated shopper prefers 1-3 garment categories (the
 * dataset's human labels) and likes n items drawn from them across all contributors. After 1, 3, 5 and 10
 * likes, each model ranks every item the shopper has not liked; an item is relevant when its category is
 * one the shopper prefers. Measures taste that generalises beyond one photographer's setting.
 * VBPR's item side is trained on the contributor wardrobes (public aggregate data) and the shopper is
 * folded in, exactly as in the browser.
 */
const LIKES = [1, 3, 5, 10];

const suite: EvalSuite = {
  name: 'taste',
  description: 'Category-taste shoppers: how fast each model finds a shopper’s garment categories',
  async run({ quick, assets, outDir, log }) {
    const ce = await loadClothingEval(assets, outDir, log);
    const { clothing: c, visual: features, compact } = ce;
    const seeds = quick ? [1] : [1, 2, 3];
    const nShoppers = quick ? 60 : 200;
    const byLabel = new Map<string, number[]>();
    c.labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
    const categories = [...byLabel.keys()].filter((l) => byLabel.get(l)!.length >= 40).sort();
    const wardrobes = csrFromTriples(c.wardrobes, c.contributors.size, c.items.size);
    const avg = new RowAverager();
    for (const seed of seeds) {
      const sums = new Map<string, { p: number; n: number; count: number }>();
      const models: Record<string, Recommender> = {
        random: new RandomModel({ seed }),
        popularity: new PopularityModel(),
        'visual-profile': new ContentModel({ name: 'visual-profile' }),
        'bpr fold-in': new BprModel({ factors: 20, epochs: quick ? 10 : 30, seed }),
        'vbpr fold-in': new VbprModel({ factors: 10, visualFactors: 20, epochs: quick ? 10 : 30, visualRegularization: 0.0001, seed }, 'vbpr'),
      };
      const fitMs = new Map<string, number>();
      for (const m of Object.values(models)) fitMs.set(m.name, m.fit({ interactions: wardrobes, features: m.name === 'vbpr' ? compact : features }).ms);
      const rng = createRng(seed * 7919);
      const scores = new Float32Array(c.items.size);
      for (let s = 0; s < nShoppers; s++) {
        const prefs = shuffle([...categories], rng).slice(0, 1 + rng.int(3));
        const pool = shuffle(prefs.flatMap((l) => byLabel.get(l)!), rng);
        const liked = pool.slice(0, Math.max(...LIKES));
        for (const n of LIKES) {
          const history = createHistory(liked.slice(0, n));
          const mask = new Uint8Array(c.items.size);
          for (const i of history.items) mask[i] = 1;
          const relevant = new Set(pool.filter((i) => !mask[i]));
          for (const [name, model] of Object.entries(models)) {
            model.scoreHistory(history, scores);
            const top = topK(scores, 10, mask).indices;
            const key = `${name}|${n}`;
            const acc = sums.get(key) ?? { p: 0, n: 0, count: 0 };
            acc.p += precisionAtK(top, relevant, 10);
            acc.n += ndcgAtK(top, relevant, 10);
            acc.count++;
            sums.set(key, acc);
          }
        }
      }
      log(`seed ${seed}: ${nShoppers} shoppers over ${categories.length} categories`);
      for (const [key, acc] of sums) {
        const [model, n] = key.split('|');
        const base = {
          suite: 'taste',
          dataset: `clothing-dataset photos (${c.items.size}), simulated category-taste shoppers`,
          protocol: `${n} like(s), 1-3 preferred categories`,
          model,
          candidates: 'all items minus the liked ones',
          notes: `${nShoppers} shoppers per seed; features: ${ce.source}; VBPR on a seeded 64-d random projection of them`,
        };
        avg.add(key, base, seed, { metrics: { 'catP@10': acc.p / acc.count, 'NDCG@10': acc.n / acc.count }, trainMs: fitMs.get(models[model].name) ?? 0 });
      }
    }
    const rows: EvalRow[] = avg.rows();
    writeFileSync(
      resolve(outDir, 'taste.svg'),
      barChartSvg(
        'Category-taste shoppers: share of top-10 in preferred categories',
        LIKES.map((n) => ({ label: `${n} like${n > 1 ? 's' : ''}`, values: Object.fromEntries(rows.filter((r) => r.protocol.startsWith(`${n} `)).map((r) => [r.model, r.metrics['catP@10']])) })),
        `seeds ${seeds.join(',')}; features: ${ce.source}`,
      ),
    );
    return rows;
  },
};

export default suite;
