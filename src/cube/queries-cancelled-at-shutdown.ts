/**
 * When the server stops, Cube closes its database pool while queries may
 * still be running or queued (a slow question, a background renewal of a
 * cached one). Each of them then fails with "pool is draining" and Cube logs
 * it several times over, stack and SQL included: a wall of errors after
 * Ctrl-C that says nothing is wrong. While stopping, those events are counted
 * per query and left out of the log; the server says once how many there were.
 */
let stopping = false;
const cancelled = new Set<string>();

/** From now on, events of queries failing because the pool is closing are counted, not written. */
export function beginShutdown(): void {
  stopping = true;
}

/** True for an event of a query the closing pool refused, while the server stops (and the query is counted). */
export function cancelledAtShutdown(params: Record<string, unknown>): boolean {
  if (!stopping || !('error' in params)) return false;
  if (!String(params.error).includes('pool is draining')) return false;
  cancelled.add(String(params.requestId ?? params.queueId ?? `event-${cancelled.size}`));
  return true;
}

/** The one line for those queries, if there were any. */
export function cancelledQueriesLine(): string | undefined {
  const count = cancelled.size;
  if (count === 0) return undefined;
  return `cube: ${count} ${count === 1 ? 'query' : 'queries'} still running or queued when the server stopped ${count === 1 ? 'was' : 'were'} cancelled (ask again after the next start)`;
}
