import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Extractor } from '../../src/engine/extract/extractor';
import type { RgbaImage } from '../../src/features/contract';
import { loadNodeExtractor } from '../../scripts/features/node-extractor';
import type { BenchRow, BenchSuite } from '../lib/report';
import { summarize } from '../lib/stats';

const root = resolve(import.meta.dirname, '../..');
const IMAGES = join(root, 'public', 'generated', 'catalog', 'images');

/**
 * MobileNetV2 feature extraction in Node on the wasm backend (the same Extractor the browser worker runs,
 * sharp decoding): model load + warm-up, the batched pipeline (decode + embed) vs one image per call, and raw
 * inference on pre-decoded pixels (the ceiling the pipeline should stay within 10% of).
 */
const suite: BenchSuite = {
  name: 'features',
  description: 'MobileNetV2 224x224 embeddings in Node (tfjs wasm, 1 thread): load, pipeline vs one-at-a-time, raw inference',
  async run({ quick, log }) {
    const files = readdirSync(IMAGES)
      .filter((f) => f.endsWith('.jpg'))
      .sort()
      .slice(0, quick ? 8 : 32);
    const inputs = files.map((f) => ({ id: f, bytes: new Uint8Array(readFileSync(join(IMAGES, f))) }));
    const rows: BenchRow[] = [];
    const reps = quick ? 1 : 3;

    let t0 = performance.now();
    const batched: Extractor = await loadNodeExtractor(4);
    const loadMs = performance.now() - t0;
    const one = await loadNodeExtractor(1);
    log(`loaded on ${batched.backend.chosen} in ${loadMs.toFixed(0)} ms`);
    try {
      const pipe: number[] = [],
        naive: number[] = [],
        raw: number[] = [];
      const pixels: RgbaImage[] = [];
      // Untimed: the first batch-4 call compiles that shape (the load warm-up ran batch 1).
      await batched.extract(inputs.slice(0, 4));
      await one.extract(inputs.slice(0, 1));
      for (let r = 0; r < reps; r++) {
        t0 = performance.now();
        await batched.extract(inputs, { onDecoded: (i, p) => (r === 0 ? (pixels[i] = p) : undefined) });
        pipe.push(inputs.length / ((performance.now() - t0) / 1000));
        t0 = performance.now();
        for (const input of inputs) await one.extract([input]);
        naive.push(inputs.length / ((performance.now() - t0) / 1000));
        t0 = performance.now();
        for (let k = 0; k < pixels.length; k += 4) await batched.embedPixels(pixels.slice(k, k + 4));
        raw.push(pixels.length / ((performance.now() - t0) / 1000));
      }
      const p = summarize(pipe),
        n = summarize(naive),
        rw = summarize(raw);
      rows.push({
        suite: 'features',
        case: `load + warm-up (node, ${batched.backend.chosen})`,
        unit: 'ms',
        value: loadMs,
        notes: 'Extractor.load: parse the tflite file, select the backend, one warm-up inference',
      });
      rows.push({
        suite: 'features',
        case: `pipeline, batch 4, decode + embed (node, ${batched.backend.chosen}, ${inputs.length} images)`,
        unit: 'images/s',
        value: p.median,
        min: p.min,
        max: p.max,
        n: p.n,
        baseline: { name: 'one image per call', value: n.median },
        speedup: p.median / n.median,
        target: { op: '>=', value: 20 },
        notes: `${((p.median / rw.median) * 100).toFixed(0)}% of raw inference (${rw.median.toFixed(1)} img/s on pre-decoded pixels)`,
      });
      rows.push({
        suite: 'features',
        case: `raw inference on decoded pixels, batch 4 (node, ${batched.backend.chosen})`,
        unit: 'images/s',
        value: rw.median,
        min: rw.min,
        max: rw.max,
        n: rw.n,
      });
    } finally {
      batched.dispose();
      one.dispose();
    }
    return rows;
  },
};

export default suite;
