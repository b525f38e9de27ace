import { describe, expect, it } from 'vitest';
import { parseSuiteArgs, pickSuites, usage } from './suites';

const all = [
  { name: 'ranking', description: 'top-20' },
  { name: 'learning', description: 'BPR' },
];

describe('suite command line', () => {
  it('reads --suite as a comma list and --quick / --help as flags', () => {
    expect(parseSuiteArgs(['--suite', 'ranking, learning', '--quick'])).toEqual({
      quick: true,
      wanted: ['ranking', 'learning'],
      help: false,
    });
    expect(parseSuiteArgs([])).toEqual({ quick: false, wanted: undefined, help: false });
    expect(parseSuiteArgs(['-h']).help).toBe(true);
  });

  it('rejects an unknown option instead of running every suite', () => {
    expect(() => parseSuiteArgs(['--suites', 'ranking'])).toThrow(/--suites/);
  });

  it('picks the named suites and names the available ones when a name is wrong', () => {
    expect(pickSuites(all, ['learning']).map((s) => s.name)).toEqual(['learning']);
    expect(pickSuites(all, undefined)).toHaveLength(2);
    expect(() => pickSuites(all, ['rankin'])).toThrow('Unknown suite(s) rankin; available: ranking, learning');
  });

  it('lists every suite with its description in the help text', () => {
    const text = usage('npm run bench', all);
    expect(text).toContain('ranking   top-20');
    expect(text).toContain('learning  BPR');
  });
});
