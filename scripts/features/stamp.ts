import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { MOBILENET_EXTRACTOR } from '../../src/engine/extract/extractor';
import { ATTRIBUTES_EXTRACTOR } from '../../src/features/attributes';
import { FEATURE_FILE_VERSION } from '../../src/features/feature-file';
import { MODEL_ASSET } from '../setup/assets';

/**
 * What a feature file was made from, as one hash. "Up to date" means the stamp beside the file matches,
 * not only that the file is newer than the images: a preprocessing change (MOBILENET_EXTRACTOR.version,
 * ATTRIBUTES_EXTRACTOR.version, or any edit to the extraction sources even without a version bump), a new
 * model, other catalog items or other options all re-extract.
 */
export interface StampInputs {
  root: string;
  /** Catalog items in order (id + absolute image path). */
  images: readonly { id: string; path: string }[];
  options: Record<string, unknown>;
}

/** Source folders/files whose code decides the numbers in a feature file (tests excluded). */
export const EXTRACTION_SOURCES = [
  'src/engine/extract',
  'src/engine/tflite',
  'src/engine/backend',
  'src/features/attributes',
  'src/features/embedding-space.ts',
  'src/features/embedding-post.ts',
  'src/features/pca.ts',
  'src/features/feature-file.ts',
  'src/features/catalog-features.ts',
  'src/features/float16.ts',
  'scripts/features',
];

function sourceFiles(root: string): string[] {
  const out: string[] = [];
  for (const rel of EXTRACTION_SOURCES) {
    const abs = resolve(root, rel);
    if (!existsSync(abs)) continue;
    if (statSync(abs).isDirectory()) {
      for (const f of readdirSync(abs).sort())
        if (f.endsWith('.ts') && !f.endsWith('.test.ts')) out.push(`${rel}/${f}`);
    } else out.push(rel);
  }
  return out;
}

export function featureStamp(inputs: StampInputs): string {
  const h = createHash('sha256');
  const put = (s: string) => h.update(s).update('\0');
  put(JSON.stringify({ MOBILENET_EXTRACTOR, ATTRIBUTES_EXTRACTOR, FEATURE_FILE_VERSION, model: MODEL_ASSET.sha256 }));
  put(JSON.stringify(inputs.options));
  for (const rel of sourceFiles(inputs.root)) {
    put(rel);
    h.update(readFileSync(resolve(inputs.root, rel)));
  }
  for (const im of inputs.images) {
    const st = statSync(im.path);
    put(`${im.id}|${im.path}|${st.size}|${Math.round(st.mtimeMs)}`);
  }
  return h.digest('hex');
}

export function stampPath(out: string): string {
  return `${out}.stamp`;
}

export function readStamp(out: string): string | undefined {
  try {
    return readFileSync(stampPath(out), 'utf8').trim();
  } catch {
    return undefined;
  }
}
