import { nowMs } from './clock';
import { columnCounts } from '../data/csr';
import type { UserHistory } from '../data/history';
import {
  checkOut,
  checkUser,
  emptyReport,
  type FitReport,
  type Recommender,
  type TrainData,
} from './contract';

/** Most-popular baseline: every user gets items by their number of positive interactions in training. */
export class PopularityModel implements Recommender {
  readonly name = 'popularity';
  nUsers = 0;
  nItems = 0;
  /** Interaction counts scaled to [0, 1]; public (aggregate) data. */
  popularity = new Float32Array(0);

  fit(data: TrainData): FitReport {
    const t0 = nowMs();
    const counts = columnCounts(data.interactions);
    const max = counts.reduce((m, c) => Math.max(m, c), 0) || 1;
    this.popularity = counts.map((c) => c / max);
    this.nUsers = data.interactions.rows;
    this.nItems = data.interactions.cols;
    return emptyReport(nowMs() - t0);
  }

  scoreUser(user: number, out: Float32Array): Float32Array {
    checkUser(this, user);
    return this.scoreHistory(undefined, out);
  }

  scoreHistory(_history: UserHistory | undefined, out: Float32Array): Float32Array {
    checkOut(this, out);
    out.set(this.popularity);
    return out;
  }
}
