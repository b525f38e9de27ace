/**
 * Runs task(0) … task(count - 1) with at most `width` running at once, each starting as soon as a slot
 * frees (a width under 1 counts as 1). After the first failure no new task starts; the running ones finish, then that failure is thrown.
 */
export async function runWindowed(
  count: number,
  width: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < count) {
      const index = next++;
      try {
        await task(index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, width), count) }, lane));
  if (failure) throw failure.error;
}
