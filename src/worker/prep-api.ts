import * as Comlink from 'comlink';
import type { ImageDecoder } from '../engine/extract/decode';
import { prepareOutcome, type PrepareOutcome } from '../engine/extract/prepare';
import type { ImageLimits } from '../features/image-check';

/**
 * What a prep worker serves, over any Comlink endpoint: the browser's second Web Worker
 * (createImageBitmap) and the Node CLIs' worker thread (sharp) expose the same API with their own decoder.
 */
export function createPrepApi(decoder: ImageDecoder) {
  return {
    async prepare(bytes: Uint8Array, limits: ImageLimits, withAttributes: boolean): Promise<PrepareOutcome> {
      const out = await prepareOutcome(decoder, bytes, limits, withAttributes);
      if (!out.ok) return out;
      const { image } = out.prepared;
      // Moved, not copied: a 224x224x3 float input is 600 KB.
      return Comlink.transfer(out, ['rgb' in image ? image.rgb.buffer : image.pixels.data.buffer]);
    },
  };
}

export type PrepApi = ReturnType<typeof createPrepApi>;
