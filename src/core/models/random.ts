import type { UserHistory } from '../data/history';
import {
  checkOut,
  checkUser,
  emptyReport,
  type FitReport,
  type Recommender,
  type TrainData,
} from './contract';

/** Random baseline: a seeded, per-user stable random order (the chance level every model must beat). */
export class RandomModel implements Recommender {
  readonly name = 'random';
  nUsers = 0;
  nItems = 0;
  constructor(private readonly config: { seed?: number } = {}) {}

  fit(data: TrainData): FitReport {
    this.nUsers = data.interactions.rows;
    this.nItems = data.interactions.cols;
    return emptyReport();
  }

  scoreUser(user: number, out: Float32Array): Float32Array {
    checkUser(this, user);
    return this.fill(user + 1, out);
  }

  scoreHistory(history: UserHistory, out: Float32Array): Float32Array {
    let key = 0x51ed;
    for (const i of history.items) key = Math.imul(key ^ i, 0x9e3779b1);
    return this.fill(key, out);
  }

  private fill(key: number, out: Float32Array): Float32Array {
    checkOut(this, out);
    const seed = Math.imul((this.config.seed ?? 1) ^ key, 0x85ebca6b) >>> 0;
    for (let i = 0; i < out.length; i++) {
      let h = Math.imul(seed ^ i, 0xc2b2ae35);
      h ^= h >>> 16;
      h = Math.imul(h, 0x27d4eb2f);
      out[i] = ((h ^ (h >>> 15)) >>> 0) / 4294967296;
    }
    return out;
  }
}
