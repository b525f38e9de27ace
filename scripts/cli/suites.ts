import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** What `npm run eval` and `npm run bench` have in common: a folder of suites picked by name on the command line. */
export interface NamedSuite {
  name: string;
  description: string;
}

export interface SuiteArgs {
  quick: boolean;
  /** Suite names asked for with `--suite a,b`; undefined runs every suite. */
  wanted?: string[];
  help: boolean;
}

/** Strict, so a typo such as `--suites` fails loudly instead of silently running every suite. */
export function parseSuiteArgs(argv: string[]): SuiteArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      suite: { type: 'string' },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const wanted = values.suite?.split(',').map((s) => s.trim()).filter(Boolean);
  return { quick: values.quick ?? false, wanted, help: values.help ?? false };
}

/** Every file in `dir` that default-exports a suite, in file-name order (test files skipped). */
export async function loadSuites<S extends NamedSuite>(dir: string): Promise<S[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const suites: S[] = [];
  for (const f of files.sort()) {
    const mod = (await import(resolve(dir, f))) as { default?: S };
    if (mod.default) suites.push(mod.default);
  }
  return suites;
}

export function pickSuites<S extends NamedSuite>(all: S[], wanted: string[] | undefined): S[] {
  if (!wanted) return all;
  const unknown = wanted.filter((w) => !all.some((s) => s.name === w));
  if (unknown.length) {
    throw new Error(`Unknown suite(s) ${unknown.join(', ')}; available: ${all.map((s) => s.name).join(', ')}`);
  }
  return all.filter((s) => wanted.includes(s.name));
}

export function usage(command: string, all: NamedSuite[]): string {
  const width = Math.max(...all.map((s) => s.name.length));
  return [
    `usage: ${command} [-- --suite NAME[,NAME...]] [--quick]`,
    '',
    '  --suite   run only these suites (default: all)',
    '  --quick   development mode: smaller inputs, fewer repeats',
    '',
    'suites:',
    ...all.map((s) => `  ${s.name.padEnd(width)}  ${s.description}`),
  ].join('\n');
}

/**
 * The whole prelude of a suite command: parse argv, load the suites in `dir`, print the help (then undefined:
 * nothing to run) or return the picked suites.
 */
export async function suitesFromArgs<S extends NamedSuite>(
  command: string,
  dir: string,
  argv: string[],
): Promise<{ quick: boolean; suites: S[] } | undefined> {
  const { quick, wanted, help } = parseSuiteArgs(argv);
  const all = await loadSuites<S>(dir);
  if (help) {
    console.log(usage(command, all));
    return undefined;
  }
  return { quick, suites: pickSuites(all, wanted) };
}
