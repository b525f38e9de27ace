/**
 * Contact sheet for eyeballing the attributes: for `count` clothing photos (every `stride`-th from `start`)
 * draws the photo, the photo with the removed background in magenta, and the named-colour swatches by weight.
 * Usage: npx tsx scripts/attributes-sheet.ts [start] [count] [stride] [out.png]   (default /tmp/attributes-sheet.png)
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { analyzeAttributes } from '../src/features/attributes';
const dir = join(resolve(process.env.GLIMPSE_ASSETS ?? join(process.cwd(), '..', 'shared', 'assets')), 'clothing-dataset');
const start = Number(process.argv[2] ?? 0), count = Number(process.argv[3] ?? 12), stride = Number(process.argv[4] ?? 29);
const rows = readFileSync(`${dir}/images.csv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const tiles: OverlayOptions[] = [];
const T = 160;
let k = 0;
for (let r = start; k < count; r += stride, k++) {
  const [id, , label] = rows[r];
  const { data, info } = await sharp(`${dir}/images/${id}.jpg`).resize(T, T, { fit: 'fill' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const a = analyzeAttributes({ data, width: info.width, height: info.height });
  const masked = Buffer.from(data);
  // The mask lives on the working image (long side DEFAULT_ATTRIBUTE_OPTIONS.maxSide): map each tile pixel to it.
  for (let y = 0; y < T; y++) {
    for (let x = 0; x < T; x++) {
      const w = Math.floor((y * a.workingHeight) / T) * a.workingWidth + Math.floor((x * a.workingWidth) / T);
      if (!a.mask[w]) masked.set([255, 0, 255], (y * T + x) * 4);
    }
  }
  const sw = Buffer.alloc(T * 24 * 4);
  let x = 0;
  for (const c of a.attributes.colors) {
    const w = Math.round(c.weight * T);
    const [R, G, B] = [1, 3, 5].map((o) => parseInt(c.hex.slice(o, o + 2), 16));
    for (let y = 0; y < 24; y++) for (let xx = x; xx < Math.min(T, x + w); xx++) sw.set([R, G, B, 255], (y * T + xx) * 4);
    x += w;
  }
  const col = (k % 6) * (2 * T + 10), row = Math.floor(k / 6) * (T + 30);
  tiles.push({ input: data, raw: { width: T, height: T, channels: 4 }, left: col, top: row });
  tiles.push({ input: masked, raw: { width: T, height: T, channels: 4 }, left: col + T, top: row });
  tiles.push({ input: sw, raw: { width: T, height: 24, channels: 4 }, left: col, top: row + T + 2 });
  console.log(k, id.slice(0, 8), label, a.maskSource, a.attributes.foreground.toFixed(2), a.attributes.colors.map((c) => `${c.name}:${(c.weight * 100).toFixed(0)}`).join(' '));
}
await sharp({ create: { width: 6 * (2 * T + 10), height: Math.ceil(count / 6) * (T + 30), channels: 4, background: '#ffffff' } }).composite(tiles).png().toFile(process.argv[5] ?? '/tmp/attributes-sheet.png');
