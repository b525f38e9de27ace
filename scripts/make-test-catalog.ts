/**
 * Regenerates the tiny committed test catalog (public/fixtures/tiny): 24 flat garment-like shapes in
 * distinct named colours, solid or striped, over 8 categories, plus a valid catalog.json whose `colors`
 * are measured from the rendered pixels (ground truth for colour-attribute tests). Run on purpose:
 *   npx tsx scripts/make-test-catalog.ts
 * Unit and e2e tests use this catalog, never the big dataset. Output is deterministic.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { parseCatalog } from '../src/core/catalog/validate';
import type { CatalogInput, NamedColor } from '../src/core/catalog/schema';
import { projectRoot } from './setup/assets';

const SIZE = 224;
const THUMB = 128;
export const BACKGROUND = '#c9ced6';

export const TINY_COLORS = {
  red: '#d62828',
  blue: '#1d4ed8',
  green: '#15803d',
  yellow: '#facc15',
  black: '#111111',
  white: '#fafafa',
  orange: '#f97316',
  purple: '#7e22ce',
} as const;
type ColorName = keyof typeof TINY_COLORS;

/** Outlines on a 224 px canvas; crisp edges keep every pixel exactly one of the named colours. */
const SHAPES: Record<string, string> = {
  'T-Shirt': 'M72,40 L100,32 L124,32 L152,40 L196,72 L176,100 L156,88 L156,196 L68,196 L68,88 L48,100 L28,72 Z',
  Shirt: 'M72,36 L152,36 L200,70 L206,170 L184,172 L172,90 L160,84 L160,200 L64,200 L64,84 L52,90 L40,172 L18,170 L24,70 Z',
  Pants: 'M68,24 L156,24 L172,204 L128,204 L112,90 L96,204 L52,204 Z',
  Shorts: 'M60,60 L164,60 L180,160 L124,160 L112,110 L100,160 L44,160 Z',
  Dress: 'M92,24 L132,24 L136,70 L180,204 L44,204 L88,70 Z',
  Skirt: 'M80,56 L144,56 L184,180 L40,180 Z',
  Hat: 'M52,136 Q52,60 112,60 Q172,60 172,136 L204,136 L204,156 L20,156 L20,136 Z',
  Shoes: 'M40,112 L96,112 L120,136 L184,146 L196,176 L40,176 Z',
};
const CATEGORIES = Object.keys(SHAPES);
const COLOR_NAMES = Object.keys(TINY_COLORS) as ColorName[];

interface TinySpec {
  id: string;
  category: string;
  color: ColorName;
  stripe?: ColorName;
}

export function tinySpecs(): TinySpec[] {
  return Array.from({ length: 24 }, (_, i) => {
    const category = CATEGORIES[i % CATEGORIES.length];
    const color = COLOR_NAMES[(i + Math.floor(i / CATEGORIES.length)) % COLOR_NAMES.length];
    const stripe: ColorName | undefined = i >= 16 ? (color === 'white' || color === 'yellow' ? 'black' : 'white') : undefined;
    const slug = category.toLowerCase().replace(/[^a-z]+/g, '-');
    return { id: `${color}-${stripe ? 'striped-' : ''}${slug}`, category, color, stripe };
  });
}

function svg(spec: TinySpec): string {
  const shape = SHAPES[spec.category];
  const stripes = spec.stripe
    ? Array.from({ length: SIZE / 24 }, (_, k) => `<rect x="0" y="${k * 24 + 12}" width="${SIZE}" height="12" fill="${TINY_COLORS[spec.stripe!]}"/>`).join('')
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" shape-rendering="crispEdges">
<defs><clipPath id="c"><path d="${shape}"/></clipPath></defs>
<rect width="${SIZE}" height="${SIZE}" fill="${BACKGROUND}"/>
<path d="${shape}" fill="${TINY_COLORS[spec.color]}"/>
<g clip-path="url(#c)">${stripes}</g></svg>`;
}

const hexToRgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** Share of non-background pixels per named colour, measured from the rendered image. */
function measureColors(data: Buffer, channels: number): NamedColor[] {
  const bg = hexToRgb(BACKGROUND);
  const palette = COLOR_NAMES.map((name) => ({ name, hex: TINY_COLORS[name], rgb: hexToRgb(TINY_COLORS[name]) }));
  const counts = new Map<string, number>();
  let foreground = 0;
  for (let p = 0; p < data.length; p += channels) {
    const px = [data[p], data[p + 1], data[p + 2]];
    if (px.every((v, k) => Math.abs(v - bg[k]) <= 2)) continue;
    foreground++;
    const hit = palette.find((c) => c.rgb.every((v, k) => Math.abs(v - px[k]) <= 2));
    if (hit) counts.set(hit.name, (counts.get(hit.name) ?? 0) + 1);
  }
  return palette
    .filter((c) => (counts.get(c.name) ?? 0) / foreground >= 0.01)
    .map((c) => ({ name: c.name, hex: c.hex, weight: Math.round(((counts.get(c.name) ?? 0) / foreground) * 1000) / 1000 }))
    .sort((a, b) => b.weight - a.weight);
}

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

async function main(): Promise<void> {
  const out = resolve(projectRoot(), 'public/fixtures/tiny');
  for (const sub of ['images', 'thumbs']) {
    rmSync(resolve(out, sub), { recursive: true, force: true });
    mkdirSync(resolve(out, sub), { recursive: true });
  }
  const items: CatalogInput['items'] = [];
  for (const [i, spec] of tinySpecs().entries()) {
    const png = await sharp(Buffer.from(svg(spec))).png({ compressionLevel: 9, palette: true }).toBuffer();
    const raw = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const colors = measureColors(raw.data, raw.info.channels);
    writeFileSync(resolve(out, `images/${spec.id}.png`), png);
    await sharp(png).resize(THUMB, THUMB).webp({ quality: 80 }).toFile(resolve(out, `thumbs/${spec.id}.webp`));
    items.push({
      id: spec.id,
      title: `${capital(spec.color)} ${spec.stripe ? `${capital(spec.stripe)}-Striped ` : ''}${spec.category}`,
      category: spec.category,
      image: `images/${spec.id}.png`,
      thumbnail: `thumbs/${spec.id}.webp`,
      price: Math.round((9.99 + i * 4.5) * 100) / 100,
      currency: 'USD',
      tags: [spec.category.toLowerCase(), spec.color, spec.stripe ? 'striped' : 'solid'],
      inStock: i !== 5,
      description: `Test fixture: a flat ${spec.color} ${spec.category.toLowerCase()} shape${spec.stripe ? ` with ${spec.stripe} stripes` : ''}.`,
      colors,
      source: `fixture-${i % 4}`,
    });
  }
  const catalog = parseCatalog({
    schemaVersion: 1,
    name: 'Glimpse tiny test catalog',
    demo: true,
    notice: 'Test fixture: generated shapes with generated titles and prices, not real products.',
    license: 'Generated by scripts/make-test-catalog.ts; same licence as Glimpse.',
    items,
  } satisfies CatalogInput);
  writeFileSync(resolve(out, 'catalog.json'), `${JSON.stringify(catalog, null, 1)}\n`);
  const files = ['images', 'thumbs'].flatMap((d) => readdirSync(resolve(out, d)));
  console.log(`make-test-catalog: ${catalog.items.length} items, ${files.length} image files in ${out}`);
}

await main();
