import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './lib/machine';
import { meets, toMarkdown, type BenchRow, type BenchSuite } from './lib/report';

/**
 * `npm run bench [-- --suite NAME[,NAME]] [--quick]`: runs every suite in bench/suites/ (each file
 * default-exports a BenchSuite), prints a table and writes bench/results/<date>.json (gitignored).
 */
const here = dirname(fileURLToPath(import.meta.url));

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const files = readdirSync(resolve(here, 'suites')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const all: BenchSuite[] = [];
  for (const f of files.sort()) {
    const mod = (await import(resolve(here, 'suites', f))) as { default?: BenchSuite };
    if (mod.default) all.push(mod.default);
  }
  const wanted = arg('suite')?.split(',');
  const unknown = wanted?.filter((w) => !all.some((s) => s.name === w)) ?? [];
  if (unknown.length) throw new Error(`Unknown suite(s) ${unknown.join(', ')}; available: ${all.map((s) => s.name).join(', ')}`);
  const suites = wanted ? all.filter((s) => wanted.includes(s.name)) : all;

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
