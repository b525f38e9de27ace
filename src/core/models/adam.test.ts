import { describe, expect, it } from 'vitest';
import { adamStep, createAdamState } from './adam';

describe('adamStep', () => {
  it('moves each parameter by lr against the sign of its gradient on the first step (m_hat/sqrt(v_hat) = sign g)', () => {
    const p = new Float32Array([1, 1, 1]);
    const s = createAdamState(3);
    adamStep(p, new Float32Array([2, -0.001, 0]), s, 0.1);
    expect(p[0]).toBeCloseTo(0.9, 6);
    expect(p[1]).toBeCloseTo(1.1, 4);
    expect(p[2]).toBe(1);
    expect(s.t).toBe(1);
  });

  it('matches a hand-computed second step', () => {
    const p = new Float32Array([0]);
    const s = createAdamState(1);
    adamStep(p, new Float32Array([1]), s, 0.1); // p = -0.1
    adamStep(p, new Float32Array([-1]), s, 0.1);
    // m = 0.9*0.1 - 0.1 = -0.01, v = 0.999*0.001 + 0.001 = 0.001999; m_hat = -0.01/0.19, v_hat = 0.001999/0.001999
    const mHat = -0.01 / (1 - 0.81),
      vHat = 0.001999 / (1 - 0.998001);
    expect(p[0]).toBeCloseTo(-0.1 - (0.1 * mHat) / Math.sqrt(vHat), 5);
  });

  it('minimises a small quadratic (p - target)^2 to the target', () => {
    const target = [3, -2, 0.5];
    const p = new Float32Array(3),
      g = new Float32Array(3);
    const s = createAdamState(3);
    for (let step = 0; step < 3000; step++) {
      for (let k = 0; k < 3; k++) g[k] = 2 * (p[k] - target[k]);
      adamStep(p, g, s, 0.05);
    }
    for (let k = 0; k < 3; k++) expect(p[k]).toBeCloseTo(target[k], 2);
  });
});
