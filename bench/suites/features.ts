import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Extractor, StageTimes } from '../../src/engine/extract/extractor';
import { ReferenceMobileNetV2 } from '../../src/engine/extract/reference-net';
import { loadNodeExtractor } from '../../scripts/features/node-extractor';
import { createNodePreparer } from '../../scripts/features/node-preparer';
import type { BenchRow, BenchSuite } from '../lib/report';
import { measuredRow } from '../lib/rows';
import { summarize } from '../lib/stats';

const root = resolve(import.meta.dirname, '../..');
const IMAGES = join(root, 'public', 'generated', 'catalog', 'images');

/**
 * MobileNetV2 feature extraction in Node on the wasm backend (the same Extractor the browser worker runs,
 * sharp decoding): model load and warm-up apart, the pipeline as the single-process CLIs run it (batch 4,
 * decoding and resizing in a prep thread) vs one image per call on one thread, the same pipeline without the
 * prep thread, and the model alone on a ready tensor (the ceiling the pipeline should stay within 10% of)
 * against a hand-built TF.js MobileNetV2, all in the same run.
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
    const inThread: Extractor = await loadNodeExtractor(4);
    const loadMs = performance.now() - t0;
    const preparer = createNodePreparer();
    const batched = await loadNodeExtractor(4, preparer);
    const one = await loadNodeExtractor(1);
    log(`loaded on ${batched.backend.chosen} in ${loadMs.toFixed(0)} ms`);
    const reference = new ReferenceMobileNetV2();
    try {
      const pipe: number[] = [],
        here: number[] = [],
        naive: number[] = [],
        model: number[] = [],
        hand: number[] = [];
      // Untimed: the first batch-4 call sizes that shape (the load warm-up ran batch 1); packs the reference.
      await batched.extract(inputs.slice(0, 4));
      await inThread.extract(inputs.slice(0, 4));
      await one.extract(inputs.slice(0, 1));
      await reference.time(4, 0);
      inThread.takeStageTimes();
      for (let r = 0; r < reps; r++) {
        t0 = performance.now();
        await batched.extract(inputs);
        pipe.push(inputs.length / ((performance.now() - t0) / 1000));
        t0 = performance.now();
        await inThread.extract(inputs);
        here.push(inputs.length / ((performance.now() - t0) / 1000));
        t0 = performance.now();
        for (const input of inputs) await one.extract([input]);
        naive.push(inputs.length / ((performance.now() - t0) / 1000));
        model.push(...(await batched.timeInference(4, 2)).map((ms) => 4000 / ms));
        hand.push(...(await reference.time(4, 2)).map((ms) => 4000 / ms));
      }
      const st = inThread.takeStageTimes();
      const p = summarize(pipe),
        m = summarize(model);
      const t = inThread.loadTimings;
      rows.push({
        suite: 'features',
        case: `model load, then warm-up (node, ${batched.backend.chosen})`,
        unit: 'ms',
        value: loadMs - t.warmUpMs,
        notes: `load = read ${t.fetchMs.toFixed(0)} + backend start ${t.backendMs.toFixed(0)} + parse/dequantise/build ${t.buildMs.toFixed(0)} ms; warm-up (first batch-1 inference) ${t.warmUpMs.toFixed(0)} ms`,
      });
      rows.push(
        measuredRow(
          {
            suite: 'features',
            case: `pipeline, batch 4, decode + embed, prep thread (node, ${batched.backend.chosen}, ${inputs.length} images)`,
            unit: 'images/s',
            kind: 'rate',
            target: { op: '>=', value: 20 },
            notes: `${((p.median / m.median) * 100).toFixed(0)}% of the model alone (${m.median.toFixed(1)} img/s on a ready tensor, same run)${preparer.fallbackReason ? `; prep thread lost: ${preparer.fallbackReason}` : ''}`,
          },
          pipe,
          { name: 'one image per call', samples: naive },
        ),
      );
      rows.push(
        measuredRow(
          {
            suite: 'features',
            case: `pipeline, batch 4, decode + embed, one thread (node, ${inThread.backend.chosen})`,
            unit: 'images/s',
            kind: 'rate',
            notes: `${((summarize(here).median / m.median) * 100).toFixed(0)}% of the model alone; per image: ${stageNotes(st)}`,
          },
          here,
          { name: 'one image per call', samples: naive },
        ),
      );
      rows.push(
        measuredRow(
          {
            suite: 'features',
            case: `the model alone on a ready tensor, batch 4 (node, ${batched.backend.chosen})`,
            unit: 'images/s',
            kind: 'rate',
            notes: 'the rebuilt .tflite graph vs the same network written directly in TF.js, interleaved',
          },
          model,
          { name: 'hand-built TF.js MobileNetV2 (fused ops)', samples: hand },
        ),
      );
    } finally {
      reference.dispose();
      batched.dispose();
      preparer.dispose();
      inThread.dispose();
      one.dispose();
    }
    return rows;
  },
};

/** Where one thread's time goes: sharp decodes a batch ahead off the JS thread, the resize runs on it. */
function stageNotes(st: StageTimes): string {
  const per = (x: number) => (x / st.images).toFixed(1);
  return `decode wait ${per(st.decodeMs)} + resize ${per(st.preprocessMs)} + inference ${per(st.inferMs)} ms`;
}

export default suite;
