import { nowMs } from './clock';
import type { FitOptions, FitReport } from './contract';
import { DivergenceGuard } from './divergence';

export interface EpochResult {
  /** Mean training loss of the epoch (what the divergence guard watches). */
  loss: number;
  /** Samples actually trained on in the epoch. */
  samples: number;
}

export interface EpochDriverOptions extends FitOptions {
  epochs: number;
  learningRate: number;
  /** Every trained parameter array: snapshotted after a good epoch, restored after a bad one. */
  params: Float32Array[];
}

/**
 * The epoch control every SGD model shares (MF, BPR, VBPR): run `epoch(index, learningRate)` up to
 * `epochs` times; after each, the divergence guard either accepts the parameters or rolls them back and
 * the learning rate halves (giving up after four consecutive failures); `onEpoch` returning false stops
 * early (cancellation from the worker). Returns the FitReport with per-epoch losses and wall time.
 */
export function trainEpochs(options: EpochDriverOptions, epoch: (index: number, learningRate: number) => EpochResult): FitReport {
  const guard = new DivergenceGuard(options.params);
  let lr = options.learningRate;
  const t0 = nowMs();
  const losses: number[] = [];
  let samples = 0,
    e = 0;
  for (; e < options.epochs; e++) {
    const te = nowMs();
    const r = epoch(e, lr);
    samples += r.samples;
    losses.push(r.loss);
    if (!guard.accept(e, r.loss)) {
      lr /= 2;
      if (guard.exhausted) break;
      continue;
    }
    if (options.onEpoch?.({ epoch: e, loss: r.loss, samples: r.samples, ms: nowMs() - te }) === false) {
      e++;
      break;
    }
  }
  return { epochs: e, samples, ms: nowMs() - t0, losses, rolledBack: guard.rolledBack };
}
