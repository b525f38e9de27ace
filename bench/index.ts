import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suitesFromArgs } from '../scripts/cli/suites';
import { describeMachine } from './lib/machine';
import { meets, toMarkdown, type BenchRow, type BenchSuite } from './lib/report';

/**
 * `npm run bench [-- --suite NAME[,NAME]] [--quick] [--help]`: runs every suite in bench/suites/ (each file
 * default-exports a BenchSuite), prints a table and writes bench/results/<date>.json (gitignored).
 */
const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const picked = await suitesFromArgs<BenchSuite>('npm run bench', resolve(here, 'suites'), process.argv.slice(2));
  if (!picked) return;
  const { quick, suites } = picked;

  const machine = await describeMachine();
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}, ` +
    `other load ${machine.busyCores ?? '?'} cores${quick ? ' (quick)' : ''}`);
  const rows: BenchRow[] = [];
  for (const suite of suites) {
    const t0 = performance.now();
    console.log(`\n## ${suite.name}: ${suite.description}`);
    const got = await suite.run({ quick, log: (l) => console.log(`  ${l}`) });
    console.log(toMarkdown(got));
    console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    rows.push(...got);
  }
  // Peak resident memory of this Node process over every suite run in it (browser suites report their own).
  const rss = process.resourceUsage().maxRSS / 1024;
  rows.push({ suite: 'memory', case: 'peak RSS of the bench process (node)', unit: 'MiB', value: rss });
  const missed = rows.filter((r) => meets(r) === false);
  const date = new Date().toISOString();
  const out = resolve(here, 'results');
  mkdirSync(out, { recursive: true });
  const payload = { date, quick, machine, rows };
  const file = resolve(out, `${date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(payload, null, 2));
  writeFileSync(resolve(out, 'latest.json'), JSON.stringify(payload, null, 2));
  writeFileSync(resolve(out, 'latest.md'), toMarkdown(rows) + '\n');
  console.log(`\n${rows.length} measurements, ${rows.filter((r) => meets(r)).length} targets met, ${missed.length} missed`);
  console.log(`wrote ${file}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
