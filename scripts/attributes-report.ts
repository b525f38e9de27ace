/**
 * Micro-report for the interpretable attributes: runs computeAttributes over N real clothing photos
 * (default 200, evenly spread over images.csv) and prints the dominant-colour distribution, the mask
 * source counts and the per-image time. Usage: npx tsx scripts/attributes-report.ts [count] [--list] [--size 224]
 * (--size resizes each photo to size x size first, as the embedding pipeline does, to time that input).
 * Sanity check for the palette mapping and background removal, not a test.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { analyzeAttributes, describeAttributes } from '../src/features/attributes';

const assets = resolve(process.env.GLIMPSE_ASSETS ?? join(process.cwd(), '..', 'shared', 'assets'));
const dir = join(assets, 'clothing-dataset');
if (!existsSync(join(dir, 'images.csv'))) {
  console.error(`clothing dataset not found under ${dir} (set GLIMPSE_ASSETS)`);
  process.exit(1);
}
const count = Number(/^\d+$/.test(process.argv[2] ?? '') ? process.argv[2] : 200);
const list = process.argv.includes('--list');
const sizeArg = process.argv.indexOf('--size');
const size = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : undefined;
const rows = readFileSync(join(dir, 'images.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const step = Math.max(1, Math.floor(rows.length / count));
const picked = rows.filter((_, i) => i % step === 0).slice(0, count);

const dominant = new Map<string, number>();
const sources = new Map<string, number>();
let computeMs = 0;
let cpuMicros = 0;
let fgSum = 0;
for (const [id, , label] of picked) {
  const { data, info } = await (size ? sharp(join(dir, 'images', `${id}.jpg`)).resize(size, size, { fit: 'fill' }) : sharp(join(dir, 'images', `${id}.jpg`))).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const a = analyzeAttributes({ data, width: info.width, height: info.height });
  // CPU time as well as wall time: on a shared box wall time mostly measures the neighbours.
  cpuMicros += process.cpuUsage(c0).user;
  computeMs += performance.now() - t0;
  const facts = describeAttributes(a.attributes);
  dominant.set(facts.dominantColor ?? '(none)', (dominant.get(facts.dominantColor ?? '(none)') ?? 0) + 1);
  sources.set(a.maskSource, (sources.get(a.maskSource) ?? 0) + 1);
  fgSum += a.attributes.foreground;
  if (list) {
    const cols = a.attributes.colors.map((c) => `${c.name} ${c.hex} ${(c.weight * 100).toFixed(0)}%`).join(', ');
    console.log(`${id} ${label} fg=${a.attributes.foreground.toFixed(2)} ${a.maskSource} ar=${a.attributes.aspectRatio.toFixed(2)} ${facts.texture} ${facts.tone} | ${cols}`);
  }
}
console.log(`\n${picked.length} images, mean ${(computeMs / picked.length).toFixed(2)} ms/image wall, ${(cpuMicros / 1000 / picked.length).toFixed(2)} ms/image CPU (computeAttributes only, decode excluded), mean foreground ${(fgSum / picked.length).toFixed(2)}`);
console.log('mask source:', Object.fromEntries(sources));
console.log('dominant colour distribution:');
for (const [name, n] of [...dominant.entries()].sort((x, y) => y[1] - x[1])) {
  console.log(`  ${name.padEnd(11)} ${String(n).padStart(4)}  ${'#'.repeat(Math.round((60 * n) / picked.length))}`);
}
