import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImagePreparer, PrepareOutcome, PreparedImage } from '../engine/extract/prepare';
import { DEFAULT_IMAGE_LIMITS, ImageError } from '../features/image-check';
import { createWorkerPreparer } from './prep-client';
import type { SpawnedWorker } from './spawned';

const prepared = (v: number): PreparedImage => ({ image: { rgb: new Float32Array([v, v, v]) } });

/** A "prep worker" over a MessageChannel, as prep-worker.ts exposes itself; `hang` never answers. */
function fakeWorker(answer: (bytes: Uint8Array) => PrepareOutcome | 'hang') {
  const { port1, port2 } = new MessageChannel();
  const crashers: ((reason: string) => void)[] = [];
  const calls: number[] = [];
  Comlink.expose(
    {
      prepare: (bytes: Uint8Array) => {
        calls.push(bytes[0]!);
        const out = answer(bytes);
        return out === 'hang' ? new Promise(() => undefined) : out;
      },
    },
    port1,
  );
  const spawned: SpawnedWorker = {
    endpoint: port2 as unknown as Comlink.Endpoint,
    terminate: () => {
      port1.close();
      port2.close();
    },
    onCrash: (l) => crashers.push(l),
  };
  return { spawned, calls, crash: (reason: string) => crashers.forEach((l) => l(reason)) };
}

const localCalls: number[] = [];
const local: ImagePreparer = {
  prepare: async (bytes) => {
    localCalls.push(bytes[0]!);
    return prepared(-bytes[0]!);
  },
};
const disposers: (() => void)[] = [];
afterEach(() => {
  disposers.splice(0).forEach((d) => d());
  localCalls.length = 0;
});

describe('createWorkerPreparer', () => {
  it('prepares in the worker and turns a bad image into the same typed ImageError', async () => {
    const w = fakeWorker((b) =>
      b[0] === 9
        ? { ok: false, code: 'decode-failed', message: 'not a JPEG' }
        : { ok: true, prepared: prepared(b[0]!) },
    );
    const p = createWorkerPreparer({ spawn: () => w.spawned, local });
    disposers.push(() => p.dispose());
    expect(await p.prepare(new Uint8Array([3]), DEFAULT_IMAGE_LIMITS, false)).toEqual(prepared(3));
    const err = await p.prepare(new Uint8Array([9]), DEFAULT_IMAGE_LIMITS, false).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageError);
    expect(err).toMatchObject({ code: 'decode-failed', message: 'not a JPEG' });
    expect(w.calls).toEqual([3, 9]);
    expect(localCalls).toEqual([]);
    expect(p.fallbackReason).toBeUndefined();
  });

  it('re-prepares the calls in flight on this thread when the worker dies, and stays local after', async () => {
    const w = fakeWorker(() => 'hang');
    const p = createWorkerPreparer({ spawn: () => w.spawned, local });
    disposers.push(() => p.dispose());
    const inFlight = [
      p.prepare(new Uint8Array([1]), DEFAULT_IMAGE_LIMITS, true),
      p.prepare(new Uint8Array([2]), DEFAULT_IMAGE_LIMITS, true),
    ];
    await expect.poll(() => w.calls.length).toBe(2);
    w.crash('out of memory');
    expect(await Promise.all(inFlight)).toEqual([prepared(-1), prepared(-2)]);
    expect(await p.prepare(new Uint8Array([4]), DEFAULT_IMAGE_LIMITS, true)).toEqual(prepared(-4));
    expect(w.calls).toEqual([1, 2]);
    expect(localCalls).toEqual([1, 2, 4]);
    expect(p.fallbackReason).toBe('the prep worker stopped: out of memory');
  });

  it('prepares locally when no worker can start here', async () => {
    const p = createWorkerPreparer({
      spawn: () => {
        throw new Error('Worker is not defined');
      },
      local,
    });
    expect(await p.prepare(new Uint8Array([5]), DEFAULT_IMAGE_LIMITS, false)).toEqual(prepared(-5));
    expect(p.fallbackReason).toBe('no prep worker: Worker is not defined');
  });
});
