import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MOBILENET_EXTRACTOR } from '../../src/engine/extract/extractor';
import type { ImageAttributes } from '../../src/features/contract';
import { attributesAt, decodeFeatureFile, encodeFeatureFile, matrixRow } from '../../src/features/feature-file';
import type { LabelledImage } from './dataset';
import { extractFiles, loadNodeExtractor } from './node-extractor';
import { createNodePreparer } from './node-preparer';

/** One image's raw result: the 1280-d MobileNetV2 vector (before the catalog space) and its attributes. */
export interface RawResult {
  id: string;
  embedding?: Float32Array;
  attributes?: ImageAttributes;
  error?: string;
}

interface ShardSpec {
  images: LabelledImage[];
  out: string;
  label: string;
}

/**
 * Extracts in `procs` child processes (the tfjs wasm backend is single-threaded, so one process per core
 * is how a 2-core box halves the time), each on a contiguous slice; results come back in input order.
 * A child that fails fails the whole run (its message is on stderr).
 */
export async function extractInParallel(images: readonly LabelledImage[], procs: number, script: string): Promise<RawResult[]> {
  if (procs <= 1) return extractRaw(images, 'features', true);
  const dir = mkdtempSync(join(tmpdir(), 'glimpse-features-'));
  try {
    const per = Math.ceil(images.length / procs);
    const shards: ShardSpec[] = [];
    for (let i = 0; i < procs; i++) {
      const slice = images.slice(i * per, (i + 1) * per);
      if (slice.length) shards.push({ images: slice, out: join(dir, `shard-${i}.glff`), label: `shard ${i + 1}/${procs}` });
    }
    await Promise.all(
      shards.map((spec, i) => {
        const specPath = join(dir, `shard-${i}.json`);
        writeFileSync(specPath, JSON.stringify(spec));
        return new Promise<void>((resolve, reject) => {
          // process.execArgv carries tsx's loader, so the child runs this same TypeScript.
          const child = spawn(process.execPath, [...process.execArgv, script, '--shard', specPath], {
            stdio: ['ignore', 'inherit', 'inherit'],
          });
          child.on('error', reject);
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${spec.label} exited with ${code}`))));
        });
      }),
    );
    return shards.flatMap((spec) => readRaw(spec.out, spec.images));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One process; `prepThread`: decode and prepare in a worker thread (alone on the box, not one per core). */
async function extractRaw(images: readonly LabelledImage[], label: string, prepThread = false): Promise<RawResult[]> {
  const preparer = prepThread ? createNodePreparer() : undefined;
  const extractor = await loadNodeExtractor(4, preparer);
  process.stderr.write(`  ${label}: ${images.length} images on ${extractor.backend.chosen}${preparer ? ' (prep thread)' : ''}\n`);
  try {
    const results = await extractFiles(extractor, images, { attributes: true, label });
    return results.map((r) =>
      r.item.ok
        ? { id: r.item.id, embedding: r.item.embedding, ...(r.attributes ? { attributes: r.attributes } : {}) }
        : { id: r.item.id, error: r.item.error.message },
    );
  } finally {
    extractor.dispose();
    preparer?.dispose();
  }
}

/** Child entry (`--shard spec.json`): extracts its slice and writes raw vectors as a float32 GLFF. */
export async function runShard(specPath: string): Promise<void> {
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as ShardSpec;
  const results = await extractRaw(spec.images, spec.label);
  const ok = results.filter((r) => r.embedding);
  const zeros = (n: number) => new Float32Array(n);
  const first = ok.find((r) => r.attributes)?.attributes;
  const stack = (pick: (a: ImageAttributes) => Float32Array) => {
    const d = first ? pick(first).length : 0;
    const m = zeros(ok.length * d);
    ok.forEach((r, i) => r.attributes && m.set(pick(r.attributes), i * d));
    return { dims: d, data: m, encoding: 'float32' as const };
  };
  const dims = MOBILENET_EXTRACTOR.dims;
  const embedding = zeros(ok.length * dims);
  ok.forEach((r, i) => embedding.set(r.embedding!, i * dims));
  writeFileSync(
    spec.out,
    encodeFeatureFile({
      extractor: MOBILENET_EXTRACTOR,
      ids: ok.map((r) => r.id),
      matrices: {
        embedding: { dims, data: embedding, encoding: 'float32' },
        ...(first
          ? { colorHistogram: stack((a) => a.colorHistogram), texture: stack((a) => a.texture), shape: stack((a) => a.shape) }
          : {}),
      },
      items: ok.map((r) =>
        r.attributes ? { colors: r.attributes.colors, aspectRatio: r.attributes.aspectRatio, foreground: r.attributes.foreground } : {},
      ),
      meta: { failed: results.filter((r) => !r.embedding).map((r) => ({ id: r.id, error: r.error })) },
    }),
  );
}

function readRaw(path: string, images: readonly LabelledImage[]): RawResult[] {
  const file = decodeFeatureFile(new Uint8Array(readFileSync(path)));
  const rows = new Map(file.ids.map((id, r) => [id, r]));
  const failed = new Map(((file.meta?.failed ?? []) as { id: string; error?: string }[]).map((f) => [f.id, f.error]));
  return images.map((im) => {
    const r = rows.get(im.id);
    if (r === undefined) return { id: im.id, error: failed.get(im.id) ?? 'not extracted' };
    const attributes = attributesAt(file, r);
    return { id: im.id, embedding: matrixRow(file.matrices.embedding!, r), ...(attributes ? { attributes } : {}) };
  });
}
