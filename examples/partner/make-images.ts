/**
 * Regenerates the partner example's product photos (tiny PNG garments on white, committed because they are
 * synthetic, not derived from the shared assets): `npx tsx examples/partner/make-images.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import catalog from './catalog.json' with { type: 'json' };

const dir = resolve(import.meta.dirname, 'images');
mkdirSync(dir, { recursive: true });

const shapes: Record<string, string> = {
  Tee: 'M30 18 L46 12 Q64 22 82 12 L98 18 L114 42 L96 52 L92 44 L92 112 L36 112 L36 44 L32 52 L14 42 Z',
  Dress: 'M48 12 L80 12 L78 36 L104 112 L24 112 L50 36 Z',
  Scarf: 'M20 30 Q64 10 108 30 L108 50 Q64 30 20 50 Z M70 40 L90 40 L96 112 L76 112 Z',
};

for (const item of catalog.items) {
  const colour = item.tags.find((t) => t.startsWith('#'))!;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128"><rect width="128" height="128" fill="#ffffff"/>` +
    `<path d="${shapes[item.category]}" fill="${colour}"/></svg>`;
  writeFileSync(resolve(dir, `${item.id}.png`), await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer());
}
console.log(`wrote ${catalog.items.length} images to ${dir}`);
