/// <reference lib="webworker" />
import { runPlainRank } from '../lib/rank-case';

self.onmessage = (e: MessageEvent<{ n: number; reps: number }>) => {
  (self as unknown as Worker).postMessage(runPlainRank(e.data.n, e.data.reps));
};
