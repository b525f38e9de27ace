import { describe, expect, it } from 'vitest';
import type { BackendEnv, ProbeResult } from './probe';
import { fallBackFrom, NoBackendError, selectBackend } from './select';
import type { BackendName } from './types';

/** A fake runtime: per-backend probe results, activation failures and benchmark times. */
function fakeEnv(spec: Partial<Record<BackendName, { probe?: ProbeResult; fail?: string; ms?: number }>>): BackendEnv & { active: BackendName[] } {
  const active: BackendName[] = [];
  return {
    active,
    probe: async (name) => spec[name]?.probe ?? { available: true, reason: `${name} ok` },
    activate: async (name) => {
      const fail = spec[name]?.fail;
      if (fail) return { ok: false, reason: fail };
      active.push(name);
      return { ok: true };
    },
    benchmark: async (name) => spec[name]?.ms ?? 10,
  };
}

const swiftshaderGpu: ProbeResult = {
  available: true,
  software: true,
  device: 'google / swiftshader',
  reason: 'WebGPU adapter is a software renderer (SwiftShader: isFallbackAdapter)',
};
const swiftshaderGl: ProbeResult = {
  available: true,
  software: true,
  device: 'ANGLE (Vulkan 1.3 SwiftShader Device (Subzero))',
  reason: 'WebGL renderer is a software renderer (SwiftShader)',
};

describe('selectBackend', () => {
  it('rejects software GPUs and picks the fastest measured survivor', async () => {
    const env = fakeEnv({ webgpu: { probe: swiftshaderGpu }, webgl: { probe: swiftshaderGl }, wasm: { ms: 3 }, cpu: { ms: 40 } });
    const r = await selectBackend({ env });
    expect(r.chosen).toBe('wasm');
    expect(r.candidates.map((c) => [c.name, c.status])).toEqual([
      ['webgpu', 'software-renderer'],
      ['webgl', 'software-renderer'],
      ['wasm', 'chosen'],
      ['cpu', 'slower'],
    ]);
    expect(r.candidates[0]!.reason).toMatch(/SwiftShader/);
    expect(r.candidates[3]!.reason).toMatch(/40\.0 ms\/op vs wasm 3\.0/);
    expect(env.active.at(-1)).toBe('wasm');
  });

  it('lets a real GPU win when it measures faster', async () => {
    const env = fakeEnv({ webgpu: { ms: 1 }, webgl: { ms: 2 }, wasm: { ms: 3 }, cpu: { ms: 40 } });
    const r = await selectBackend({ env });
    expect(r.chosen).toBe('webgpu');
    expect(r.candidates.find((c) => c.name === 'webgpu')!.msPerOp).toBe(1);
  });

  it('records unavailable and failed candidates with their reasons', async () => {
    const env = fakeEnv({
      webgpu: { probe: { available: false, reason: 'navigator.gpu is not available' } },
      webgl: { fail: 'context lost on init' },
      wasm: { ms: 3 },
    });
    const r = await selectBackend({ env });
    expect(r.candidates.find((c) => c.name === 'webgpu')).toMatchObject({ status: 'not-available', reason: /navigator.gpu/ });
    expect(r.candidates.find((c) => c.name === 'webgl')).toMatchObject({ status: 'init-failed', reason: 'context lost on init' });
    expect(r.chosen).toBe('wasm');
  });

  it("honours the user's choice, even a software GPU, and says so", async () => {
    const env = fakeEnv({ webgl: { probe: swiftshaderGl } });
    const r = await selectBackend({ env, preferred: 'webgl' });
    expect(r.chosen).toBe('webgl');
    expect(r.candidates[0]!.reason).toMatch(/explicitly requested/);
    expect(r.candidates.slice(1).every((c) => c.status === 'not-tried')).toBe(true);
  });

  it("falls back from a user's choice that fails to initialise", async () => {
    const env = fakeEnv({ webgpu: { probe: { available: false, reason: 'no adapter' } } });
    const r = await selectBackend({ env, preferred: 'webgpu' });
    expect(r.chosen).toBe('webgl');
    expect(r.candidates[0]).toMatchObject({ name: 'webgpu', status: 'not-available' });
  });

  it('throws a NoBackendError listing every reason when nothing works', async () => {
    const env = fakeEnv({ wasm: { fail: 'no wasm' }, cpu: { fail: 'broken' } });
    await expect(selectBackend({ env, candidates: ['wasm', 'cpu'] })).rejects.toThrow(NoBackendError);
    await expect(selectBackend({ env, candidates: ['wasm', 'cpu'] })).rejects.toThrow(/wasm: no wasm; cpu: broken/);
  });

  it('falls back at run time to the next candidate and records why', async () => {
    const env = fakeEnv({ webgpu: { ms: 1 }, webgl: { ms: 5 }, wasm: { ms: 3 }, cpu: { ms: 40 } });
    const r = await selectBackend({ env });
    const after = await fallBackFrom(r, 'webgpu', 'GPU device lost: destroyed', { env });
    expect(after.chosen).toBe('wasm');
    expect(after.fallbacks).toEqual([{ from: 'webgpu', to: 'wasm', reason: 'GPU device lost: destroyed' }]);
    expect(after.candidates.find((c) => c.name === 'webgpu')!.status).toBe('failed-at-runtime');
    expect(r.chosen).toBe('webgpu');
  });
});

describe('selectBackend in Node (real runtime)', () => {
  it('finds no GPU, measures wasm and cpu, and picks one of them', async () => {
    const r = await selectBackend({ candidates: ['webgpu', 'webgl', 'wasm', 'cpu'] });
    expect(r.candidates.find((c) => c.name === 'webgpu')!.status).toBe('not-available');
    expect(r.candidates.find((c) => c.name === 'webgl')!.status).toBe('not-available');
    expect(['wasm', 'cpu']).toContain(r.chosen);
    expect(r.candidates.find((c) => c.name === 'wasm')!.msPerOp).toBeGreaterThan(0);
  });
});
