import { describe, expect, it } from 'vitest';
import { trainEpochs } from './train-epochs';

describe('trainEpochs (shared epoch driver)', () => {
  it('runs every epoch, counts samples and records losses', () => {
    const w = new Float32Array([1]);
    const r = trainEpochs({ epochs: 3, learningRate: 0.1, params: [w] }, (e) => {
      w[0] -= 0.1;
      return { loss: 1 / (e + 1), samples: 10 };
    });
    expect(r.epochs).toBe(3);
    expect(r.samples).toBe(30);
    expect(r.losses).toEqual([1, 0.5, 1 / 3]);
    expect(r.rolledBack).toEqual([]);
  });

  it('rolls a diverged epoch back to the last good parameters and halves the learning rate', () => {
    const w = new Float32Array([1]);
    const rates: number[] = [];
    const r = trainEpochs({ epochs: 3, learningRate: 0.4, params: [w] }, (e, lr) => {
      rates.push(lr);
      w[0] = e === 1 ? NaN : w[0] + 1;
      return { loss: e === 1 ? NaN : 1, samples: 1 };
    });
    expect(r.rolledBack).toEqual([1]);
    expect(rates).toEqual([0.4, 0.4, 0.2]);
    expect(w[0]).toBe(3); // epoch 0: 2, epoch 1 rolled back to 2, epoch 2: 3
  });

  it('gives up after four consecutive failures, keeping the last good parameters', () => {
    const w = new Float32Array([5]);
    const r = trainEpochs({ epochs: 10, learningRate: 1, params: [w] }, () => {
      w[0] = Infinity;
      return { loss: Infinity, samples: 1 };
    });
    expect(r.epochs).toBe(3);
    expect(r.rolledBack).toEqual([0, 1, 2, 3]);
    expect(w[0]).toBe(5);
  });

  it('stops when onEpoch returns false', () => {
    const seen: number[] = [];
    const r = trainEpochs(
      { epochs: 10, learningRate: 1, params: [], onEpoch: (e) => (seen.push(e.epoch), e.epoch < 1) },
      () => ({ loss: 1, samples: 2 }),
    );
    expect(seen).toEqual([0, 1]);
    expect(r.epochs).toBe(2);
    expect(r.samples).toBe(4);
  });
});
