/** Rating-prediction errors over paired arrays (predicted vs actual). */
export function rmse(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  check(predicted, actual);
  let s = 0;
  for (let k = 0; k < actual.length; k++) s += (predicted[k] - actual[k]) ** 2;
  return Math.sqrt(s / actual.length);
}

export function mae(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  check(predicted, actual);
  let s = 0;
  for (let k = 0; k < actual.length; k++) s += Math.abs(predicted[k] - actual[k]);
  return s / actual.length;
}

function check(p: ArrayLike<number>, a: ArrayLike<number>): void {
  if (p.length !== a.length) throw new RangeError(`${p.length} predictions for ${a.length} ratings`);
  if (!a.length) throw new RangeError('no ratings to score');
}
