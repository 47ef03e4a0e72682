import PostgresDriver from '@cubejs-backend/postgres-driver';
import { DATABASE_UNREACHABLE, DatabaseOutage, isDatabaseUnreachable } from './database-outage';

type DriverConfig = ConstructorParameters<typeof PostgresDriver>[0];
type PgClientConfig = Parameters<PostgresDriver['createConnection']>[0];

/**
 * Cube's PostgreSQL driver, telling a database that cannot be reached from
 * a query that failed: while PostgreSQL is down, every query fails with
 * "the database is not reachable: retrying" (not the pool's "ResourceRequest
 * timed out"), and the pool's connection errors are logged once per outage
 * instead of once per attempt. The pool itself keeps retrying as before, so
 * queries succeed again as soon as the database is back.
 */
type DriverLogger = (message: string, detail: Record<string, unknown>) => void;

// One outage for all of this process's drivers (queries, pre-aggregations): the database is down once, not once per pool.
let outageLogger: DriverLogger | undefined;
const outage = new DatabaseOutage((event, detail) => outageLogger?.(event === 'unreachable' ? 'Database Unreachable' : 'Database Reachable Again', detail));

export class OutageAwarePostgresDriver extends PostgresDriver {
  private get outage(): DatabaseOutage {
    outageLogger ??= (this as unknown as { logger?: DriverLogger }).logger;
    return outage;
  }

  constructor(config: DriverConfig) {
    super(config);
    const pool = this.pool;
    const acquire = pool.acquire.bind(pool);
    pool.acquire = async (...args: Parameters<typeof acquire>) => {
      try {
        return await acquire(...args);
      } catch (error) {
        throw this.explained(error);
      }
    };
  }

  /** A connection error means an outage; the message for clients says so. */
  private explained(error: unknown): unknown {
    if (!isDatabaseUnreachable(error)) return error;
    this.outage.failed(error);
    return new Error(DATABASE_UNREACHABLE);
  }

  protected override async createConnection(poolConfig: PgClientConfig, poolName: string) {
    const connection = await super.createConnection(poolConfig, poolName);
    this.outage.succeeded();
    return connection;
  }

  override databasePoolError(error: Error): void {
    // Logged by `outage` when it starts one; a pool error outside an outage is Cube's to log.
    if (isDatabaseUnreachable(error)) this.outage.failed(error);
    else super.databasePoolError(error);
  }

  override async query<R = unknown>(query: string, values: unknown[], options?: Parameters<PostgresDriver['query']>[2]): Promise<R[]> {
    try {
      return await super.query<R>(query, values, options);
    } catch (error) {
      throw this.explained(error);
    }
  }
}
