/** What a client reads while PostgreSQL is down (REST error, SQL API ErrorResponse). */
export const DATABASE_UNREACHABLE = 'the database is not reachable: retrying. The server reconnects on its own once PostgreSQL is back; ask again in a moment.';

/** SQLSTATE 57P03, cannot_connect_now: the server is there but its database is not, yet. */
export const DATABASE_UNREACHABLE_SQLSTATE = '57P03';

/** Whether an error's text is the one above, wherever Cube passed it on. */
export function saysDatabaseUnreachable(message: string): boolean {
  return /^(Error: )?the database is not reachable/.test(message);
}


/** The sentence alone, for the SQL API: Cube hands a query's error on as `String(error)`, "Error: …". */
export function unreachableSentence(message: string): string {
  return message.replace(/^Error: /, '');
}

// node-postgres and the pool: no connection to be had, or the one in use died with the server.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03']);
const UNREACHABLE_TEXT = /ResourceRequest timed out|Unable to connect to the database|Connection terminated|connection is not open|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/;

/** Whether `error` means the database cannot be reached (rather than a query that failed on a live one). */
export function isDatabaseUnreachable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  return typeof message === 'string' && UNREACHABLE_TEXT.test(message);
}

/**
 * One outage at a time: the first failure to reach the database is reported,
 * the retries after it are not (Cube's pool would log each attempt, many per
 * second for as long as the database is down), and the first success after it
 * ends the outage and says so.
 */
export class DatabaseOutage {
  private since: number | undefined;

  constructor(private readonly report: (event: 'unreachable' | 'reachable again', detail: Record<string, unknown>) => void) {}

  get ongoing(): boolean {
    return this.since !== undefined;
  }

  /** Records a failure; true when it starts an outage (so it is the one to report). */
  failed(error: unknown): boolean {
    if (this.since !== undefined) return false;
    this.since = Date.now();
    const reason = (error as { message?: unknown })?.message;
    this.report('unreachable', { reason: typeof reason === 'string' ? reason : String(error), note: 'further connection errors are not logged until the database is back' });
    return true;
  }

  /** Records a success; ends an outage if there is one. */
  succeeded(): void {
    if (this.since === undefined) return;
    const seconds = Math.round((Date.now() - this.since) / 1000);
    this.since = undefined;
    this.report('reachable again', { afterSeconds: seconds });
  }
}
