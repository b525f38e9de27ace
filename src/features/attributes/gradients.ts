import type { WorkingImage } from './prepare';

/**
 * Sobel gradients of L* (perceptual lightness, 0..100), divided by 8 so a magnitude is roughly the L*
 * change per pixel. Shared by texture and shape so the image is differentiated once. Border pixels get 0.
 */
export interface Gradients {
  gx: Float32Array;
  gy: Float32Array;
  magnitude: Float32Array;
}

export function sobel(img: WorkingImage): Gradients {
  const { width: w, height: h, lab } = img;
  const n = w * h;
  const gx = new Float32Array(n);
  const gy = new Float32Array(n);
  const magnitude = new Float32Array(n);
  const L = (x: number, y: number) => lab[(y * w + x) * 3];
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const tl = L(x - 1, y - 1), t = L(x, y - 1), tr = L(x + 1, y - 1);
      const l = L(x - 1, y), r = L(x + 1, y);
      const bl = L(x - 1, y + 1), b = L(x, y + 1), br = L(x + 1, y + 1);
      const dx = (tr + 2 * r + br - tl - 2 * l - bl) / 8;
      const dy = (bl + 2 * b + br - tl - 2 * t - tr) / 8;
      const i = y * w + x;
      gx[i] = dx;
      gy[i] = dy;
      magnitude[i] = Math.sqrt(dx * dx + dy * dy);
    }
  }
  return { gx, gy, magnitude };
}
