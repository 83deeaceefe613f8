/**
 * `fn` over `items` with at most `limit` calls in flight at a time, answers in the items' order
 * (a rejection rejects the whole, as Promise.all). For independent reads on a connection pool
 * (the dashboard's panels, issue 15): concurrent enough to hide each statement's round trip,
 * bounded so one request never holds the whole pool.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
