/**
 * Writes items a chunk per statement, preparing each chunk (its JSON parameter) while PostgreSQL
 * runs the previous one: `write` must build its parameters before its first await, so that on
 * one connection the next statement waits queued behind the running one. At most two are
 * outstanding; the first failure is thrown once the chunks already sent have settled.
 */
export async function writeInChunks<T>(items: readonly T[], size: number, write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  let previous: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < items.length; i += size) {
    const current = write(items.slice(i, i + size));
    // Awaited on the next turn (or below); until then a failure must not count as unhandled.
    current.catch(() => undefined);
    try {
      await previous;
    } catch (e) {
      await current.catch(() => undefined);
      throw e;
    }
    previous = current;
  }
  await previous;
}
