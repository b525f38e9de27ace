import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suitesFromArgs } from '../cli/suites';
import { toMarkdown, type EvalRow, type EvalSuite } from './report';

/**
 * `npm run eval [-- --suite NAME[,NAME]] [--quick] [--help]`: runs evaluation suites from scripts/eval/suites/
 * (each file default-exports an EvalSuite), prints a markdown table and writes JSON + markdown under
 * eval-results/ (gitignored).
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

async function main(): Promise<void> {
  const picked = await suitesFromArgs<EvalSuite>('npm run eval', resolve(here, 'suites'), process.argv.slice(2));
  if (!picked) return;
  const { quick, suites } = picked;
  const outDir = resolve(root, 'eval-results');
  mkdirSync(outDir, { recursive: true });
  const assets = resolve(root, process.env.GLIMPSE_ASSETS ?? '../shared/assets');
  const rows: EvalRow[] = [];
  for (const suite of suites) {
    const t0 = performance.now();
    console.log(`\n## ${suite.name}: ${suite.description}${quick ? ' (quick)' : ''}`);
    const got = await suite.run({ quick, assets, outDir, log: (l) => console.log(`  ${l}`) });
    console.log(toMarkdown(got));
    console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    rows.push(...got);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const payload = { date: new Date().toISOString(), quick, node: process.version, rows };
  writeFileSync(resolve(outDir, `eval-${stamp}.json`), JSON.stringify(payload, null, 2));
  writeFileSync(resolve(outDir, 'latest.json'), JSON.stringify(payload, null, 2));
  writeFileSync(resolve(outDir, 'latest.md'), toMarkdown(rows) + '\n');
  console.log(`\nwrote eval-results/eval-${stamp}.json and eval-results/latest.md`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
