import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/core/catalog/validate';
import { generateDemoCatalog, type ClothingSource } from './demo-catalog';

const uuid = (n: number) => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
const labels = ['Dress', 'Hat', 'Pants', 'Not sure'];
const rows = Array.from({ length: 16 }, (_, i) => ({ id: uuid(i), label: labels[i % 4] }));
const csv = `image,sender_id,label,kids\n${rows.map((r, i) => `${r.id},${i},${r.label},False`).join('\n')}\n`;
const BROKEN = uuid(1); // a Hat whose "photo" is not an image

/** A fake dataset: solid-colour JPEGs (900x600, so both outputs are really resized). */
function fakeSource(): ClothingSource & { photosRead: number } {
  const source = {
    photosRead: 0,
    async csv() {
      return { bytes: new TextEncoder().encode(csv), sha256: 'fake-csv-v1' };
    },
    async photo(id: string) {
      source.photosRead++;
      if (id === BROKEN) return new TextEncoder().encode('not a jpeg');
      const shade = parseInt(id.slice(0, 8), 16) * 15;
      return new Uint8Array(
        await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: shade, g: 80, b: 120 } } }).jpeg().toBuffer(),
      );
    },
    available: () => undefined,
  };
  return source;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('generateDemoCatalog', () => {
  it('writes a valid catalog with web-sized images, skips broken photos and is idempotent', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'glimpse-catalog-'));
    dirs.push(outDir);
    const source = fakeSource();
    const lines: string[] = [];
    const first = await generateDemoCatalog({ size: 12, seed: 1, outDir, source, log: (l) => lines.push(l) });

    const catalog = parseCatalog(JSON.parse(readFileSync(join(outDir, 'catalog.json'), 'utf8')));
    expect(first).toMatchObject({ skipped: false, items: 11, written: 11 });
    expect(catalog.demo).toBe(true);
    expect(catalog.notice).toMatch(/generated/);
    // 12 labelled rows (Not sure dropped), all picked; the broken photo is skipped with a message.
    expect(catalog.items).toHaveLength(11);
    expect(lines.some((l) => l.includes(`skipping photo ${BROKEN}`))).toBe(true);
    expect(catalog.items.map((i) => i.id)).not.toContain(BROKEN);
    expect(new Set(catalog.items.map((i) => i.category))).toEqual(new Set(['Dress', 'Hat', 'Pants']));

    const item = catalog.items[0];
    expect(item.image).toBe(`images/${item.id}.jpg`);
    expect(item.thumbnail).toBe(`thumbs/${item.id}.webp`);
    const image = await sharp(join(outDir, item.image)).metadata();
    const thumb = await sharp(join(outDir, item.thumbnail!)).metadata();
    expect([image.format, Math.min(image.width!, image.height!)]).toEqual(['jpeg', 448]);
    expect([thumb.format, Math.max(thumb.width!, thumb.height!)]).toEqual(['webp', 256]);
    expect(readdirSync(join(outDir, 'images'))).toHaveLength(catalog.items.length);

    const reads = source.photosRead;
    expect(await generateDemoCatalog({ size: 12, seed: 1, outDir, source, log: () => undefined })).toMatchObject({ skipped: true });
    expect(source.photosRead).toBe(reads);

    // A smaller catalog reuses the encoded images and prunes the rest.
    const smaller = await generateDemoCatalog({ size: 4, seed: 1, outDir, source, log: () => undefined });
    expect(smaller).toMatchObject({ skipped: false, items: 4, written: 0 });
    expect(readdirSync(join(outDir, 'thumbs'))).toHaveLength(4);

    // A deleted image is noticed and regenerated.
    rmSync(join(outDir, 'images', readdirSync(join(outDir, 'images'))[0]));
    expect(await generateDemoCatalog({ size: 4, seed: 1, outDir, source, log: () => undefined })).toMatchObject({ skipped: false, written: 1 });
    expect(existsSync(join(outDir, 'manifest.json'))).toBe(true);
  });
});
