import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { centerAndNormalize, meanVector } from '../../src/features/embedding-post';
import { fitPca, projectPca } from '../../src/features/pca';
import { retrievalScores } from '../../src/features/retrieval';
import { createRng, shuffle } from '../../src/shared/random';

/**
 * One-off diagnostic (not part of the eval): scores embedding post-processing choices on the arrays that
 * `embedding-sweep.ts` stored (pooling, mirrored-view averaging, power normalisation, PCA whitening, the
 * ImageNet logits, per-class P@1, and the spread of P@1 over random 372-photo subsets of the 800).
 * Usage: npx tsx scripts/eval/embedding-analysis.ts
 */
const DIR = resolve('.cache/emb-sweep');
const D = 1280;
const items = JSON.parse(readFileSync(resolve(DIR, 'items.json'), 'utf8')) as { id: string; label: string; small: boolean }[];
type Rows = Float32Array[];

function load(name: string): { gap: Rows; max: Rows; gem: Rows } | null {
  const p = resolve(DIR, `${name}.bin`);
  if (!existsSync(p)) return null;
  const b = readFileSync(p);
  const f = new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  const n = f.length / (3 * D);
  const pick = (k: number) => Array.from({ length: n }, (_, i) => f.slice((i * 3 + k) * D, (i * 3 + k + 1) * D));
  return { gap: pick(0), max: pick(1), gem: pick(2) };
}
const headW = new Float32Array(readFileSync(resolve(DIR, 'head-w.bin')).buffer.slice(0));
const headB = new Float32Array(readFileSync(resolve(DIR, 'head-b.bin')).buffer.slice(0));
function logits(v: Float32Array): Float32Array {
  const out = new Float32Array(1001);
  for (let c = 0; c < 1001; c++) {
    let s = headB[c]!;
    for (let j = 0; j < D; j++) s += headW[c * D + j]! * v[j]!;
    out[c] = s;
  }
  return out;
}
const avg = (a: Rows, b: Rows): Rows => a.map((x, i) => x.map((v, j) => (v + b[i]![j]!) / 2));
const pow = (a: Rows, p: number): Rows => a.map((x) => x.map((v) => Math.sign(v) * Math.abs(v) ** p));
const norm = (a: Rows, center = true): Rows => {
  const m = center ? meanVector(a) : null;
  return a.map((r) => centerAndNormalize(r, m));
};
function whiten(a: Rows, k: number, alpha = 0.5): Rows {
  const n = norm(a);
  const pca = fitPca(n, k, { seed: 1 });
  return n.map((r) => {
    const p = projectPca(pca, r);
    for (let c = 0; c < k; c++) p[c] = p[c]! / Math.pow(pca.variances[c]! + 1e-6, alpha);
    return centerAndNormalize(p, null);
  });
}
function score(rows: Rows, labels: string[]): string {
  const s = retrievalScores(rows, labels);
  const se = Math.sqrt((s.precisionAt1 * (1 - s.precisionAt1)) / s.items);
  return `${s.precisionAt1.toFixed(3)} ±${se.toFixed(3)} | ${s.pairAuc.toFixed(3)}`;
}
function perClass(rows: Rows, labels: string[]): string {
  const n = rows.length;
  const hit = new Map<string, [number, number]>();
  const conf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    let best = -Infinity, bj = -1;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let d = 0; d < rows[i]!.length; d++) s += rows[i]![d]! * rows[j]![d]!;
      if (s > best) [best, bj] = [s, j];
    }
    const h = hit.get(labels[i]!) ?? [0, 0];
    h[1]++;
    if (labels[bj] === labels[i]) h[0]++;
    else conf.set(`${labels[i]}->${labels[bj]}`, (conf.get(`${labels[i]}->${labels[bj]}`) ?? 0) + 1);
    hit.set(labels[i]!, h);
  }
  const pc = [...hit].map(([c, [a, b]]) => `${c} ${(a / b).toFixed(2)}`).join(', ');
  const top = [...conf].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v}`).join(', ');
  return `per class: ${pc}\n  top confusions: ${top}`;
}

const crop = load('crop')!;
const cropFlip = load('crop-flip');
const squash = load('squash');
const squashFlip = load('squash-flip');
const all = process.argv.includes('--all');
const idx = items.map((it, i) => (all || it.small ? i : -1)).filter((i) => i >= 0);
const sel = (r: Rows) => (r.length === items.length ? idx.map((i) => r[i]!) : r);
const labels = idx.map((i) => items[i]!.label);
console.log(`set: ${all ? '800 balanced (80/class)' : '372 subset'}; n=${labels.length}; P@1 ±binomial SE | pair AUC`);
const gap = sel(crop.gap);
const variants: [string, () => Rows][] = [
  ['gap crop (extractor v2)', () => norm(gap)],
  ['max crop', () => norm(sel(crop.max))],
  ['gem crop', () => norm(sel(crop.gem))],
  ['sqrt(gap) crop', () => norm(pow(gap, 0.5))],
  ['logits crop', () => norm(gap.map(logits))],
  ['gap+logits crop', () => {
    const l = norm(gap.map(logits));
    return norm(norm(gap).map((g, i) => Float32Array.from([...g, ...l[i]!])), false);
  }],
  ['gap crop, whiten 128', () => whiten(gap, 128)],
  ['gap crop, whiten 256', () => whiten(gap, 256)],
  ['gap crop, whiten 256 a=0.25', () => whiten(gap, 256, 0.25)],
];
if (cropFlip && cropFlip.gap.length === gap.length) {
  const g2 = avg(gap, sel(cropFlip.gap));
  variants.push(['gap crop+flip', () => norm(g2)]);
  variants.push(['sqrt gap crop+flip', () => norm(pow(g2, 0.5))]);
  variants.push(['gap crop+flip whiten 256 a=0.25', () => whiten(g2, 256, 0.25)]);
  variants.push(['sqrt gap crop+flip whiten 256 a=0.25', () => whiten(pow(g2, 0.5), 256, 0.25)]);
}
if (squash && !all) {
  variants.push(['gap squash', () => norm(squash.gap)]);
  if (cropFlip && squashFlip) {
    const g4 = avg(avg(gap, sel(cropFlip.gap)), avg(squash.gap, squashFlip.gap));
    variants.push(['gap crop+squash (2 views)', () => norm(avg(gap, squash.gap))]);
    variants.push(['logits crop+squash (2 views)', () => norm(avg(gap, squash.gap).map(logits))]);
    variants.push(['gap crop+squash x flip (4 views)', () => norm(g4)]);
    variants.push(['sqrt gap 4 views', () => norm(pow(g4, 0.5))]);
  }
}
const only = process.argv.filter((a) => !a.startsWith('--')).slice(2);
for (const [name, f] of variants) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  const rows = f();
  console.log(`| ${name} | ${score(rows, labels)} |`);
  if (process.argv.includes('--per-class')) console.log('  ' + perClass(rows, labels));
}
if (process.argv.includes('--resample') && all) {
  // Spread over random 37-38-per-class subsets of the 800 (the eval's subset size).
  const rng = createRng(7);
  const base = norm(gap);
  const got: number[] = [];
  const byClass = new Map<string, number[]>();
  labels.forEach((l, i) => byClass.set(l, [...(byClass.get(l) ?? []), i]));
  for (let t = 0; t < 40; t++) {
    const pick = [...byClass.values()].flatMap((ix, c) => shuffle(ix, rng).slice(0, 37 + (c < 2 ? 1 : 0)));
    const sub = pick.map((i) => gap[i]!);
    got.push(retrievalScores(norm(sub), pick.map((i) => labels[i]!)).precisionAt1);
  }
  got.sort((a, b) => a - b);
  const m = got.reduce((a, b) => a + b, 0) / got.length;
  const sd = Math.sqrt(got.reduce((a, b) => a + (b - m) ** 2, 0) / (got.length - 1));
  const prev = new Map<string, number>(Object.entries({ 'T-Shirt': 80, Longsleeve: 58, Pants: 57, Shoes: 36, Shirt: 31, Dress: 29, Outwear: 26, Shorts: 25, Hat: 14, Skirt: 13 }));
  const nat: number[] = [], natAuc: number[] = [];
  for (let t = 0; t < 20; t++) {
    const pick = [...byClass].flatMap(([c, ix]) => shuffle(ix, rng).slice(0, prev.get(c)!));
    const s = retrievalScores(norm(pick.map((i) => gap[i]!)), pick.map((i) => labels[i]!));
    nat.push(s.precisionAt1);
    natAuc.push(s.pairAuc);
  }
  const mm = (x: number[]) => (x.reduce((a, b) => a + b, 0) / x.length).toFixed(3);
  console.log(`prevalence-proportional ~370-subsets (T-shirt 80 ... Skirt 13), 20 draws: mean P@1 ${mm(nat)}, AUC ${mm(natAuc)}, P@1 range ${Math.min(...nat).toFixed(3)}-${Math.max(...nat).toFixed(3)}`);
  console.log(`random 372-subsets of the 800 (gap crop): mean P@1 ${m.toFixed(3)}, sd ${sd.toFixed(3)}, min ${got[0]!.toFixed(3)}, max ${got.at(-1)!.toFixed(3)}`);
  void base;
}
