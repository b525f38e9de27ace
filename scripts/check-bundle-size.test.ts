import { describe, expect, it } from 'vitest';
import { checkBudgets, expandFiles, staticImports } from './check-bundle-size';

describe('checkBudgets', () => {
  const sizes: Record<string, { raw: number; gzip: number }> = { a: { raw: 100, gzip: 40 }, b: { raw: 300, gzip: 90 } };
  it('sums the files of each budget and flags only the ones over', () => {
    const r = checkBudgets([
      { label: 'a', files: ['a'], maxGzip: 40 },
      { label: 'a+b', files: ['a', 'b'], maxGzip: 129 },
      { label: 'b', files: ['b'], maxGzip: null },
    ], (f) => sizes[f]);
    expect(r.map((x) => [x.gzip, x.raw, x.ok])).toEqual([[40, 100, true], [130, 400, false], [90, 300, true]]);
  });
});

describe('staticImports / expandFiles', () => {
  it('reads static relative imports of minified chunks, not dynamic import()', () => {
    expect(staticImports('import{a as b}from"./vision/core-1.js";import"../x.js";const w=()=>import("./vision/webgl-2.js");import x from "react"'))
      .toEqual(['./vision/core-1.js', '../x.js']);
  });

  it('resolves hashed names and follows static imports relative to each file, once', () => {
    const files = ['entry.js', 'vision/core-ab.js', 'vision/wasm-cd.js', 'vision/webgl-ef.js', 'engine/b.wasm'];
    const graph: Record<string, string[]> = {
      'entry.js': ['./vision/core-ab.js'],
      'vision/core-ab.js': ['../entry.js'],
      'vision/wasm-cd.js': ['./core-ab.js'],
    };
    const importsOf = (f: string) => graph[f] ?? [];
    expect(expandFiles(['entry.js...', 'vision/wasm-*.js...', 'engine/b.wasm'], files, importsOf))
      .toEqual(['entry.js', 'vision/core-ab.js', 'vision/wasm-cd.js', 'engine/b.wasm']);
    expect(expandFiles(['entry.js'], files, importsOf)).toEqual(['entry.js']);
    expect(() => expandFiles(['vision/*.js'], files, importsOf)).toThrow(/matches 3 files/);
  });
});
