import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { attributeVector, COLOR_HISTOGRAM_LENGTH } from '../../../src/features/attributes';
import type { RgbaImage } from '../../../src/features/contract';
import { centerAndNormalize, meanVector } from '../../../src/features/embedding-post';
import { decodeFeatureFile, encodeFeatureFile, type FeatureFile } from '../../../src/features/feature-file';
import { fitPca, projectPca } from '../../../src/features/pca';
import { retrievalScores } from '../../../src/features/retrieval';
import { MOBILENET_EXTRACTOR } from '../../../src/engine/extract/extractor';
import { FRAME_MODE } from '../../../src/engine/extract/preprocess';
import { ATTRIBUTES_EXTRACTOR } from '../../../src/features/attributes';
import { readLabelledFolder, type LabelledImage } from '../../features/dataset';
import { extractFiles, loadNodeExtractor } from '../../features/node-extractor';
import { balancedClothingSubset, SUBSET_SEED } from './visual-subset';
import type { EvalRow, EvalSuite, SuiteOptions } from '../report';

/**
 * Category retrieval on the clothing photos: for each image, is its nearest other image (cosine) of the
 * same garment class (P@1), and do same-class pairs score above different-class pairs (pair AUC)?
 * Features: the MobileNetV2 embedding (mean-subtracted, L2), its PCA reductions (loss measured), the
 * interpretable attributes (colour only, and colour+texture+shape), a combination, and a raw 32x32 pixel
 * baseline. Extracted features are cached under .cache/visual-eval/ keyed by extractor versions.
 */
const SEED = SUBSET_SEED;
const THUMB = 32;

/** Area-average resize to THUMB x THUMB RGB, scaled to [0, 1]. */
function thumbnail(img: RgbaImage): Float32Array {
  const out = new Float32Array(THUMB * THUMB * 3);
  for (let ty = 0; ty < THUMB; ty++) {
    const y0 = Math.floor((ty * img.height) / THUMB);
    const y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * img.height) / THUMB));
    for (let tx = 0; tx < THUMB; tx++) {
      const x0 = Math.floor((tx * img.width) / THUMB);
      const x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * img.width) / THUMB));
      let r = 0, g = 0, b = 0, n = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const p = (y * img.width + x) * 4;
          r += img.data[p]!;
          g += img.data[p + 1]!;
          b += img.data[p + 2]!;
          n++;
        }
      }
      const o = (ty * THUMB + tx) * 3;
      out[o] = r / n / 255;
      out[o + 1] = g / n / 255;
      out[o + 2] = b / n / 255;
    }
  }
  return out;
}

const balanced = balancedClothingSubset;
const PREPROCESSING = `extractor v${MOBILENET_EXTRACTOR.version}, area-average resize, ${FRAME_MODE}`;

interface Cached {
  embedding: Float32Array;
  attributes: Float32Array | null;
  thumb: Float32Array;
}

const cacheMeta = { embedding: MOBILENET_EXTRACTOR, attributes: ATTRIBUTES_EXTRACTOR, thumb: THUMB };

function loadCache(path: string): Map<string, Cached> {
  const map = new Map<string, Cached>();
  if (!existsSync(path)) return map;
  let file: FeatureFile;
  try {
    file = decodeFeatureFile(new Uint8Array(readFileSync(path)));
  } catch {
    return map;
  }
  if (JSON.stringify(file.meta?.versions) !== JSON.stringify(cacheMeta)) return map; // changed extractor: re-extract
  const e = file.matrices.embedding!, a = file.matrices.attributes!, t = file.matrices.thumb!;
  file.ids.forEach((id, i) => {
    const hasAttr = (file.items?.[i] as { attributes?: boolean } | undefined)?.attributes === true;
    map.set(id, {
      embedding: e.data.slice(i * e.dims, (i + 1) * e.dims),
      attributes: hasAttr ? a.data.slice(i * a.dims, (i + 1) * a.dims) : null,
      thumb: t.data.slice(i * t.dims, (i + 1) * t.dims),
    });
  });
  return map;
}

function saveCache(path: string, map: Map<string, Cached>): void {
  const ids = [...map.keys()];
  const cat = (f: (c: Cached) => Float32Array | null, dims: number): Float32Array => {
    const out = new Float32Array(ids.length * dims);
    ids.forEach((id, i) => {
      const v = f(map.get(id)!);
      if (v) out.set(v, i * dims);
    });
    return out;
  };
  const attrDims = ATTRIBUTES_EXTRACTOR.dims;
  writeFileSync(
    path,
    encodeFeatureFile({
      extractor: MOBILENET_EXTRACTOR,
      ids,
      matrices: {
        embedding: { dims: MOBILENET_EXTRACTOR.dims, data: cat((c) => c.embedding, MOBILENET_EXTRACTOR.dims), encoding: 'float32' },
        attributes: { dims: attrDims, data: cat((c) => c.attributes, attrDims), encoding: 'float32' },
        thumb: { dims: THUMB * THUMB * 3, data: cat((c) => c.thumb, THUMB * THUMB * 3), encoding: 'float16' },
      },
      items: ids.map((id) => ({ attributes: map.get(id)!.attributes !== null })),
      meta: { versions: cacheMeta },
    }),
  );
}

async function features(images: LabelledImage[], cachePath: string, log: (l: string) => void): Promise<Map<string, Cached>> {
  const cache = loadCache(cachePath);
  const todo = images.filter((im) => !cache.has(im.id));
  log(`${images.length} images: ${images.length - todo.length} cached, ${todo.length} to extract`);
  if (todo.length) {
    const extractor = await loadNodeExtractor();
    try {
      const t0 = performance.now();
      const got = await extractFiles(extractor, todo, { attributes: true, extra: thumbnail, label: 'visual eval' });
      const secs = (performance.now() - t0) / 1000;
      log(`extracted ${todo.length} in ${secs.toFixed(1)} s (${(todo.length / secs).toFixed(1)} img/s incl. decode + attributes, ${extractor.backend.chosen})`);
      got.forEach((g) => {
        if (!g.item.ok) {
          log(`  skipped ${g.item.id}: ${g.item.error.code}: ${g.item.error.message}`);
          return;
        }
        cache.set(g.item.id, {
          embedding: g.item.embedding,
          attributes: g.attributes ? attributeVector(g.attributes) : null,
          thumb: g.extra!,
        });
      });
      saveCache(cachePath, cache);
    } finally {
      extractor.dispose();
    }
  }
  return cache;
}

function normalizeRows(rows: Float32Array[], center: boolean): Float32Array[] {
  const mean = center ? meanVector(rows) : null;
  return rows.map((r) => centerAndNormalize(r, mean));
}

function concatWeighted(a: Float32Array[], b: Float32Array[], weightA: number): Float32Array[] {
  const wa = Math.sqrt(weightA), wb = Math.sqrt(1 - weightA);
  return a.map((x, i) => {
    const out = new Float32Array(x.length + b[i]!.length);
    x.forEach((v, j) => (out[j] = v * wa));
    b[i]!.forEach((v, j) => (out[x.length + j] = v * wb));
    return out;
  });
}

async function runSet(name: string, images: LabelledImage[], options: SuiteOptions, cachePath: string): Promise<EvalRow[]> {
  const cache = await features(images, cachePath, options.log);
  const kept = images.filter((im) => cache.has(im.id));
  const labels = kept.map((im) => im.label);
  const emb = kept.map((im) => cache.get(im.id)!.embedding);
  const withAttr = kept.every((im) => cache.get(im.id)!.attributes !== null);
  const embNorm = normalizeRows(emb, true);
  const rows: [string, Float32Array[], string][] = [
    ['mobilenet-v2 gap (1280-d, mean-subtracted)', embNorm, `cosine after catalog-mean subtraction + L2; input: ${PREPROCESSING}`],
    ['mobilenet-v2 gap, no mean subtraction', normalizeRows(emb, false), 'plain cosine'],
  ];
  for (const k of [128, 64, 32]) {
    const t0 = performance.now();
    const pca = fitPca(embNorm, k, { seed: SEED });
    const reduced = normalizeRows(embNorm.map((v) => projectPca(pca, v)), false);
    rows.push([
      `mobilenet-v2 + PCA-${k}`,
      reduced,
      `PCA fitted on this set (seeded subspace iteration, ${((performance.now() - t0) / 1000).toFixed(1)} s); keeps ${(pca.explained * 100).toFixed(0)}% of variance`,
    ]);
  }
  if (withAttr) {
    const attrs = kept.map((im) => cache.get(im.id)!.attributes!);
    const colour = normalizeRows(attrs.map((a) => a.slice(0, COLOR_HISTOGRAM_LENGTH)), false);
    rows.push(['colour only (attribute colour histogram)', colour, 'Hellinger/Bhattacharyya cosine, foreground only']);
    rows.push(['attributes (colour+texture+shape)', normalizeRows(attrs, false), 'attributeVector cosine']);
    for (const w of [0.9, 0.8]) {
      rows.push([`combined: ${w} embedding + ${(1 - w).toFixed(1)} attributes`, concatWeighted(embNorm, normalizeRows(attrs, false), w), 'weighted sum of the two cosines']);
    }
  } else options.log('attributes missing for some images: colour and combined rows skipped');
  rows.push(['raw 32x32 RGB pixels (baseline)', normalizeRows(kept.map((im) => cache.get(im.id)!.thumb), true), 'cosine after mean subtraction']);
  return rows.map(([model, vectors, notes]) => {
    const s = retrievalScores(vectors, labels);
    return {
      suite: 'visual',
      dataset: `clothing-dataset ${name} (${s.items} photos, ${s.classes} classes)`,
      protocol: 'category retrieval: nearest neighbour by cosine, leave-one-out',
      model,
      seeds: [SEED],
      candidates: 'all other photos of the set',
      metrics: { 'P@1': s.precisionAt1, 'pair AUC': s.pairAuc },
      notes,
    };
  });
}

const suite: EvalSuite = {
  name: 'visual',
  description: 'category retrieval on clothing photos: MobileNetV2 embedding, PCA, attributes, combined, pixels',
  async run(options) {
    const dir = resolve(options.assets, 'clothing-dataset');
    const { images } = readLabelledFolder(resolve(dir, 'images'), resolve(dir, 'images.csv'));
    const cacheDir = resolve(options.outDir, '../.cache/visual-eval');
    mkdirSync(cacheDir, { recursive: true });
    const cachePath = resolve(cacheDir, 'features.glff');
    const rows: EvalRow[] = [];
    if (options.quick) return runSet('balanced quick subset', balanced(images, 10, 0), options, cachePath);
    rows.push(...(await runSet('balanced subset', balanced(images, 37, 2), options, cachePath)));
    rows.push(...(await runSet('larger balanced set', balanced(images, 80, 0), options, cachePath)));
    return rows;
  },
};

export default suite;
