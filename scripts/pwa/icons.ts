import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';

/**
 * Renders the committed PWA icons in public/icons from one hand-written SVG mark (an eye whose iris is
 * a colour swatch: Glimpse looks at pictures). Run after changing the mark: `npx tsx scripts/pwa/icons.ts`.
 * The PNGs are committed (a few KB) so a build never depends on sharp's native binary.
 */
const TILE = '#2f5fd0'; // the app's --accent and favicon colour
const INK = '#1f2328'; // the app's --text
const PAPER = '#ffffff';
const IRIS = '#f59e0b';
const IRIS_RING = '#14b8a6';

/** The eye glyph drawn in a 100x100 box centred at (50, 50). */
function glyph(): string {
  return [
    `<path d="M8 50 C 26 22, 74 22, 92 50 C 74 78, 26 78, 8 50 Z" fill="${PAPER}"/>`,
    `<circle cx="50" cy="50" r="17" fill="${IRIS_RING}"/>`,
    `<circle cx="50" cy="50" r="12" fill="${IRIS}"/>`,
    `<circle cx="50" cy="50" r="5.5" fill="${INK}"/>`,
    `<circle cx="55.5" cy="44.5" r="2.6" fill="${PAPER}"/>`,
  ].join('');
}

/**
 * `any` purpose: a rounded tile with transparent corners. `maskable`: a full-bleed square whose glyph
 * fits the 80% safe circle (the platform crops to its own shape).
 */
export function iconSvg(purpose: 'any' | 'maskable'): string {
  const background =
    purpose === 'any'
      ? `<rect x="0" y="0" width="100" height="100" rx="22" fill="${TILE}"/>`
      : `<rect x="0" y="0" width="100" height="100" fill="${TILE}"/>`;
  const scale = purpose === 'any' ? 0.86 : 0.66;
  const offset = 50 - 50 * scale;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${background}` +
    `<g transform="translate(${offset} ${offset}) scale(${scale})">${glyph()}</g></svg>`
  );
}

async function main(): Promise<void> {
  const out = resolve(import.meta.dirname, '../../public/icons');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, 'glimpse.svg'), iconSvg('any') + '\n');
  const renders: Array<[string, 'any' | 'maskable', number]> = [
    ['icon-192.png', 'any', 192],
    ['icon-512.png', 'any', 512],
    ['maskable-192.png', 'maskable', 192],
    ['maskable-512.png', 'maskable', 512],
    ['apple-touch-icon-180.png', 'maskable', 180],
  ];
  for (const [name, purpose, size] of renders) {
    const png = await sharp(Buffer.from(iconSvg(purpose)), { density: (72 * size) / 100 })
      .resize(size, size)
      .png({ compressionLevel: 9, palette: true })
      .toBuffer();
    writeFileSync(resolve(out, name), png);
    console.log(`icons: ${name} ${png.length} B`);
  }
}

await main();
