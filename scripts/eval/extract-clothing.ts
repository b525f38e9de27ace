import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadClothing } from './datasets/clothing';
import { cachePath, extractionOrder, readCache, stratifiedSubset, writeCache } from './datasets/clothing-features';
import { extractFiles, loadNodeExtractor } from '../features/node-extractor';
import { createNodePreparer } from '../features/node-preparer';

/**
 * `npm run eval:features [-- --all]`: fills the MobileNetV2 feature cache of the clothing wardrobes
 * (see datasets/clothing-features.ts). By default it stops once the ~1,500-photo stratified subset is
 * cached; `--all` goes on to every photo. Resumable: it saves every chunk and skips cached photos.
 * Run it with `nice -n 10` on a shared machine.
 */
const root = resolve(import.meta.dirname, '../..');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { all: { type: 'boolean' }, chunk: { type: 'string' } } });
  const assets = resolve(root, process.env.GLIMPSE_ASSETS ?? '../shared/assets');
  const c = loadClothing(assets);
  const order = values.all ? extractionOrder(c) : stratifiedSubset(c);
  const path = cachePath(root);
  const cache = readCache(path);
  const todo = order.filter((i) => !cache.has(c.items.ids[i]));
  process.stderr.write(`eval:features: ${order.length} photos wanted, ${order.length - todo.length} cached, ${todo.length} to extract -> ${path}\n`);
  if (!todo.length) return;
  const preparer = createNodePreparer();
  const extractor = await loadNodeExtractor(4, preparer);
  const chunk = Number(values.chunk ?? 100);
  const t0 = performance.now();
  try {
    for (let s = 0; s < todo.length; s += chunk) {
      const part = todo.slice(s, s + chunk).map((i) => ({ id: c.items.ids[i], label: c.labels[i], path: resolve(assets, 'clothing-dataset/images', `${c.items.ids[i]}.jpg`) }));
      const got = await extractFiles(extractor, part, { label: `clothing ${s}/${todo.length}` });
      for (const g of got) {
        if (g.item.ok) cache.set(g.item.id, g.item.embedding);
        else process.stderr.write(`  skipped ${g.item.id}: ${g.item.error.code}: ${g.item.error.message}\n`);
      }
      writeCache(path, cache);
      const done = Math.min(s + chunk, todo.length);
      process.stderr.write(`eval:features: ${done}/${todo.length} (${(done / ((performance.now() - t0) / 1000)).toFixed(1)} img/s), cache holds ${cache.size}\n`);
    }
  } finally {
    extractor.dispose();
    preparer.dispose();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`eval:features: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
