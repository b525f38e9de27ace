/**
 * Naive baselines, written the way a first version would be: arrays of arrays, one closure call per item,
 * a Set per user. They are the "before" every fast path is compared with in the same run.
 */

/**
 * BPR SGD, one sample at a time over number[][] factors and a Set per user for "seen": the textbook
 * transcription, the baseline for the typed-array trainer in core/models/bpr.
 */
export function naiveBprEpoch(
  P: number[][],
  Q: number[][],
  b: number[],
  pairs: [number, number][],
  seen: Set<number>[],
  samples: number,
  lr: number,
  reg: number,
  random: () => number,
): number {
  const nI = Q.length;
  let done = 0;
  for (let s = 0; s < samples; s++) {
    const [u, i] = pairs[Math.floor(random() * pairs.length)];
    let j = Math.floor(random() * nI);
    while (seen[u].has(j)) j = Math.floor(random() * nI);
    const pu = P[u],
      qi = Q[i],
      qj = Q[j];
    const x = b[i] - b[j] + pu.reduce((acc, p, c) => acc + p * (qi[c] - qj[c]), 0);
    const z = 1 / (1 + Math.exp(x));
    b[i] += lr * (z - reg * b[i]);
    b[j] += lr * (-z - reg * b[j]);
    for (let c = 0; c < pu.length; c++) {
      const p = pu[c],
        a = qi[c],
        n = qj[c];
      pu[c] = p + lr * (z * (a - n) - reg * p);
      qi[c] = a + lr * (z * p - reg * a);
      qj[c] = n + lr * (-z * p - reg * n);
    }
    done++;
  }
  return done;
}
