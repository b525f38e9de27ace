/**
 * Adam (Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015) over one flat parameter array.
 * VBPR trains its visual projection with it: E's gradient is dense in the 1,280 feature dimensions and its
 * scale differs from the latent factors' by orders of magnitude, which plain SGD at one shared rate handles
 * badly (see VBPR_ADAM_VISUAL).
 */
export interface AdamState {
  /** First and second moment estimates, one per parameter. */
  m: Float32Array;
  v: Float32Array;
  /** Steps taken (for the bias correction). */
  t: number;
}

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPS = 1e-8;

export function createAdamState(size: number): AdamState {
  return { m: new Float32Array(size), v: new Float32Array(size), t: 0 };
}

/** One Adam step: p -= lr * m_hat / (sqrt(v_hat) + eps) for gradient g (of the loss being minimised). */
export function adamStep(p: Float32Array, g: Float32Array, s: AdamState, lr: number): void {
  const { m, v } = s;
  s.t++;
  // Bias correction folded into the step size, as in the paper's section 2 footnote.
  const c1 = 1 - Math.pow(ADAM_BETA1, s.t),
    c2 = 1 - Math.pow(ADAM_BETA2, s.t);
  const step = (lr * Math.sqrt(c2)) / c1,
    eps = ADAM_EPS * Math.sqrt(c2);
  for (let k = 0; k < p.length; k++) {
    const gk = g[k];
    const mk = (m[k] = ADAM_BETA1 * m[k] + (1 - ADAM_BETA1) * gk);
    const vk = (v[k] = ADAM_BETA2 * v[k] + (1 - ADAM_BETA2) * gk * gk);
    p[k] -= (step * mk) / (Math.sqrt(vk) + eps);
  }
}
