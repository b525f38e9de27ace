/**
 * Detects a diverging training run (NaN/Infinity or an exploding loss) and rolls the parameters back to the
 * last epoch that was good. Models call `accept(epoch, loss)` after each epoch; false means "rolled back,
 * lower your learning rate".
 */
export class DivergenceGuard {
  private readonly snapshot: Float32Array[];
  private best = Infinity;
  readonly rolledBack: number[] = [];

  constructor(
    private readonly params: Float32Array[],
    /** A loss this many times the best loss so far counts as an explosion. */
    private readonly explodeFactor = 20,
  ) {
    this.snapshot = params.map((p) => p.slice());
  }

  accept(epoch: number, loss: number): boolean {
    const ok =
      Number.isFinite(loss) && loss <= this.best * this.explodeFactor + 1e-12 && this.params.every(allFinite);
    if (!ok) {
      this.params.forEach((p, k) => p.set(this.snapshot[k]));
      this.rolledBack.push(epoch);
      return false;
    }
    this.best = Math.min(this.best, loss);
    this.params.forEach((p, k) => this.snapshot[k].set(p));
    return true;
  }

  /** Too many consecutive failures: give up and keep the last good parameters. */
  get exhausted(): boolean {
    const r = this.rolledBack;
    return r.length >= 4 && r[r.length - 1] - r[r.length - 4] === 3;
  }
}

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] - a[i] !== 0) return false;
  return true;
}
