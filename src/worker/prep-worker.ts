/// <reference lib="webworker" />
// The app's second feature worker: decodes, resizes and computes attributes while the engine worker runs
// the model, so on two cores neither waits for the other (src/worker/prep-client.ts spawns it).
import * as Comlink from 'comlink';
import { createBrowserDecoder } from '../engine/extract/decode';
import { prepareOutcome, type PrepareOutcome } from '../engine/extract/prepare';
import type { ImageLimits } from '../features/image-check';

const decoder = createBrowserDecoder();

const prepApi = {
  async prepare(bytes: Uint8Array, limits: ImageLimits, withAttributes: boolean): Promise<PrepareOutcome> {
    const out = await prepareOutcome(decoder, bytes, limits, withAttributes);
    if (!out.ok) return out;
    const { image } = out.prepared;
    // Moved, not copied: a 224x224x3 float input is 600 KB.
    return Comlink.transfer(out, ['rgb' in image ? image.rgb.buffer : image.pixels.data.buffer]);
  },
};

export type PrepApi = typeof prepApi;

Comlink.expose(prepApi);
