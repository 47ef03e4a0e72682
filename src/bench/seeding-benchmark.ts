import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { migrateToLatest } from '../db/migrate';
import { copyPregeneratedRows, insertFromGenerateSeries, BENCH_SCHEMA, type BaselineRun } from './users-baselines';
import { SEEDER_ENVIRONMENT, SEEDER_NODE_FLAGS } from '../seed/seeder-memory-settings';
import { runSeederChild } from './seeding-child';

export interface SeedingBenchmarkResult {
  readonly users: number;
  readonly date: string;
  readonly machine: {
    readonly cpus: number; readonly memoryGiB: number; readonly postgres: string; readonly walLevel: string; readonly node: string;
  };
  readonly seeding: {
    readonly rows: Readonly<Record<string, number>>;
    readonly totalRows: number;
    readonly seconds: number;
    /** All rows of all tables over the whole run, index building included. */
    readonly rowsPerSecond: number;
    /** alma.users rows over the time their COPY took (generation included), comparable with the baselines. */
    readonly usersRowsPerSecond: number;
    readonly peakRssBytes: number;
    /** Node flags and environment of the seeder process. */
    readonly settings: readonly string[];
  };
  readonly generateSeries: BaselineRun;
  /** The plain COPY run right before the seed and right after it: the machine's drift shows in the pair. */
  readonly plainCopy: readonly (BaselineRun & { readonly heldBytes: number })[];
}

/**
 * Seeds `users` users with their activity (replacing the data of the
 * database) and measures baselines for the users table on the same database:
 * a plain COPY of rows held in memory, before the seed and again after it (a
 * shared machine drifts by more than the difference being measured), and
 * INSERT ... SELECT FROM generate_series. The baselines' tables live in a
 * schema dropped at the end.
 */
export async function runSeedingBenchmark(connectionString: string, users: number): Promise<SeedingBenchmarkResult> {
  await migrateToLatest(connectionString);
  const client = new pg.Client(connectionString);
  await client.connect();
  try {
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    const walLevel = await client.query<{ wal_level: string }>('SHOW wal_level');
    const plainCopyBefore = await copyPregeneratedRows(client, users);
    const seeding = await runSeederChild(connectionString, users, 'benchmark', '2026-11-24');
    const plainCopyAfter = await copyPregeneratedRows(client, users);
    const generateSeries = await insertFromGenerateSeries(client, users);
    const totalRows = Object.values(seeding.rows).reduce((sum, rows) => sum + rows, 0);
    return {
      users,
      date: new Date().toISOString().slice(0, 10),
      machine: {
        cpus: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        postgres: version.rows[0]?.server_version ?? 'unknown',
        walLevel: walLevel.rows[0]?.wal_level ?? 'unknown',
        node: process.version,
      },
      seeding: {
        rows: seeding.rows,
        totalRows,
        seconds: seeding.seconds,
        rowsPerSecond: totalRows / seeding.seconds,
        usersRowsPerSecond: (seeding.rows.users ?? 0) / seeding.usersSeconds,
        peakRssBytes: seeding.maxRssBytes,
        settings: [...SEEDER_NODE_FLAGS, ...Object.entries(SEEDER_ENVIRONMENT).map(([name, value]) => `${name}=${value}`)],
      },
      generateSeries,
      plainCopy: [plainCopyBefore, plainCopyAfter],
    };
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${BENCH_SCHEMA} CASCADE`).catch(() => undefined);
    await client.end();
  }
}
