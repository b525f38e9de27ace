import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Extractor } from '../../src/engine/extract/extractor';
import { ReferenceMobileNetV2 } from '../../src/engine/extract/reference-net';
import { loadNodeExtractor } from '../../scripts/features/node-extractor';
import type { BenchRow, BenchSuite } from '../lib/report';
import { measuredRow } from '../lib/rows';
import { summarize } from '../lib/stats';

const root = resolve(import.meta.dirname, '../..');
const IMAGES = join(root, 'public', 'generated', 'catalog', 'images');

/**
 * MobileNetV2 feature extraction in Node on the wasm backend (the same Extractor the browser worker runs,
 * sharp decoding): model load and warm-up apart, the batched pipeline (decode + embed) vs one image per call,
 * its time per stage, and the model alone on a ready tensor (the ceiling the pipeline should stay within 10%
 * of) against a hand-built TF.js MobileNetV2, all in the same run.
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
    const reference = new ReferenceMobileNetV2();
    try {
      const pipe: number[] = [],
        naive: number[] = [],
        model: number[] = [],
        hand: number[] = [];
      // Untimed: the first batch-4 call sizes that shape (the load warm-up ran batch 1); packs the reference.
      await batched.extract(inputs.slice(0, 4));
      await one.extract(inputs.slice(0, 1));
      await reference.time(4, 0);
      batched.takeStageTimes();
      for (let r = 0; r < reps; r++) {
        t0 = performance.now();
        await batched.extract(inputs);
        pipe.push(inputs.length / ((performance.now() - t0) / 1000));
        t0 = performance.now();
        for (const input of inputs) await one.extract([input]);
        naive.push(inputs.length / ((performance.now() - t0) / 1000));
        model.push(...(await batched.timeInference(4, 2)).map((ms) => 4000 / ms));
        hand.push(...(await reference.time(4, 2)).map((ms) => 4000 / ms));
      }
      const st = batched.takeStageTimes();
      const p = summarize(pipe),
        m = summarize(model);
      const t = batched.loadTimings;
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
            case: `pipeline, batch 4, decode + embed (node, ${batched.backend.chosen}, ${inputs.length} images)`,
            unit: 'images/s',
            kind: 'rate',
            target: { op: '>=', value: 20 },
            notes: `${((p.median / m.median) * 100).toFixed(0)}% of the model alone (${m.median.toFixed(1)} img/s on a ready tensor, same run)`,
          },
          pipe,
          { name: 'one image per call', samples: naive },
        ),
      );
      const per = (x: number) => (x / st.images).toFixed(1);
      rows.push({
        suite: 'features',
        case: `pipeline time per image by stage (node, ${batched.backend.chosen})`,
        unit: 'ms/image',
        value: (st.decodeMs + st.onDecodedMs + st.preprocessMs + st.inferMs) / st.images,
        notes: `decode wait ${per(st.decodeMs)} (sharp decodes a batch ahead, off the JS thread) + resize/normalise ${per(st.preprocessMs)} + inference ${per(st.inferMs)}`,
      });
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
      one.dispose();
    }
    return rows;
  },
};

export default suite;
