import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_VECTOR_LENGTH, attributeVector, computeAttributes, NAMED_COLORS } from './index';

/** Sanity check on real photos from the offline asset set; skipped (with a message) when it is absent. */
const assets = resolve(process.env.GLIMPSE_ASSETS ?? join(process.cwd(), '..', 'shared', 'assets'));
const dataset = join(assets, 'clothing-dataset');
const present = existsSync(join(dataset, 'images.csv'));
if (!present) console.warn(`real-photos.test: skipped, clothing dataset not found under ${dataset} (set GLIMPSE_ASSETS)`);

describe.skipIf(!present)('computeAttributes on 20 real clothing photos', () => {
  it('returns finite descriptors, known colour names and a plausible foreground', async () => {
    const rows = readFileSync(join(dataset, 'images.csv'), 'utf8').trim().split('\n').slice(1);
    const ids = rows.filter((_, i) => i % Math.floor(rows.length / 20) === 0).slice(0, 20).map((r) => r.split(',')[0]);
    const names = new Set(NAMED_COLORS.map((c) => c.name));
    let ms = 0;
    for (const id of ids) {
      const { data, info } = await sharp(join(dataset, 'images', `${id}.jpg`)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const t0 = performance.now();
      const a = computeAttributes({ data, width: info.width, height: info.height });
      ms += performance.now() - t0;
      expect(a.colors.length, id).toBeGreaterThan(0);
      for (const c of a.colors) expect(names.has(c.name), c.name).toBe(true);
      expect(a.foreground).toBeGreaterThan(0);
      expect(a.foreground).toBeLessThanOrEqual(1);
      expect(Number.isFinite(a.aspectRatio) && a.aspectRatio > 0).toBe(true);
      const v = attributeVector(a);
      expect(v).toHaveLength(ATTRIBUTE_VECTOR_LENGTH);
      expect(v.every(Number.isFinite)).toBe(true);
    }
    console.log(`real-photos.test: ${ids.length} photos, ${(ms / ids.length).toFixed(1)} ms/image for computeAttributes (decode excluded)`);
  });
});
