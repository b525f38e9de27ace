import { cpSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXTRACTION_SOURCES, featureStamp } from './stamp';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'glimpse-stamp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('feature-file stamp (set-up idempotency)', () => {
  const image = join(dir, 'a.jpg');
  writeFileSync(image, 'pixels');
  const base = { root: ROOT, images: [{ id: 'a', path: image }], options: { pca: 64 } };

  it('is stable for the same inputs and changes with options, images and their bytes', () => {
    const s = featureStamp(base);
    expect(featureStamp(base)).toBe(s);
    expect(featureStamp({ ...base, options: { pca: 32 } })).not.toBe(s);
    expect(featureStamp({ ...base, images: [{ id: 'b', path: image }] })).not.toBe(s);
    utimesSync(image, new Date(), new Date(Date.now() + 5_000));
    expect(featureStamp(base)).not.toBe(s);
  });

  it('covers the preprocessing code: an edit to the extractor sources changes it without a version bump', () => {
    const copy = join(dir, 'root');
    for (const rel of EXTRACTION_SOURCES) cpSync(resolve(ROOT, rel), join(copy, rel), { recursive: true });
    const s = featureStamp({ ...base, root: copy });
    expect(s).toBe(featureStamp(base));
    writeFileSync(join(copy, 'src/engine/extract/preprocess.ts'), '// changed resize\n', { flag: 'a' });
    expect(featureStamp({ ...base, root: copy })).not.toBe(s);
  });
});
