import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CODE_TABLE_NAMES, insertCodeTables } from './code-table-rows';
import { dropConstraintsForBulkLoad, recreate } from './deferred-constraints';
import { createProgressReporter } from './progress-reporter';
import { DEFAULT_SEED, todayIso } from './seed-plan';
import { SeededPopulation } from './seeded-population';
import { seededRowsStream } from './seeded-rows-stream';

/** What to do when the tables already hold data. */
export type WhenNotEmpty = 'replace' | 'refuse' | 'skip';

export interface SeedOptions {
  readonly users: number;
  readonly seed?: string;
  /** YYYY-MM-DD; today (UTC) when left out. */
  readonly asOf?: string;
  readonly whenNotEmpty: WhenNotEmpty;
  /** Progress and steps as plain lines; without it, a bar (on a terminal) or lines on stderr. */
  readonly log?: (line: string) => void;
}

export interface SeedResult {
  readonly seeded: boolean;
  /** Rows per table (users, loans, fines_fees, borrowing_requests). */
  readonly rows: Readonly<Record<string, number>>;
  readonly seconds: number;
  /** Time spent streaming alma.users alone, for rows/s comparisons. */
  readonly usersSeconds: number;
}

/** Raised when the tables hold data and the caller asked not to replace it. */
export class DatabaseNotEmptyError extends Error {}

// Any constant: it only makes concurrent seeders of one database wait for each other.
const SEED_LOCK = 7_202_611;
const DATA_TABLES = ['alma.borrowing_requests', 'alma.fines_fees', 'alma.loans', 'alma.users'];

/**
 * Fills alma.users, its activity and the code tables with a seeded
 * population, in one transaction: the tables are emptied, loaded with COPY
 * and re-indexed before the commit, so a seed that fails or is killed leaves
 * the old data, and readers see the old data or the new, never a mix.
 * (Readers wait while a seed runs: TRUNCATE takes the tables' exclusive lock.)
 */
export async function seedDatabase(connectionString: string, options: SeedOptions): Promise<SeedResult> {
  const startedAt = performance.now();
  const plan = { users: options.users, seed: options.seed ?? DEFAULT_SEED, asOf: options.asOf ?? todayIso() };
  const population = new SeededPopulation(plan);
  const say = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const client = new pg.Client(connectionString);
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const existing = await existingUsers(client);
    if (existing > 0 && options.whenNotEmpty !== 'replace') {
      await client.query('ROLLBACK');
      if (options.whenNotEmpty === 'skip') return { seeded: false, rows: {}, seconds: 0, usersSeconds: 0 };
      throw new DatabaseNotEmptyError(
        `alma.users already holds ${existing.toLocaleString('en-US')} users; seed with --reset to replace them and their activity`);
    }
    say(`seeding ${plan.users.toLocaleString('en-US')} users (seed ${plan.seed}, as of ${plan.asOf})`);
    await client.query(`TRUNCATE ${[...DATA_TABLES, ...CODE_TABLE_NAMES].join(', ')}`);
    const deferred = await dropConstraintsForBulkLoad(client, DATA_TABLES);
    // Index builds sort in memory when they can; this is server memory, for this transaction only.
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await insertCodeTables(client);
    const rows: Record<string, number> = {};
    let usersSeconds = 0;
    for (const table of population.tables) {
      const tableStartedAt = performance.now();
      const progress = createProgressReporter(table.name, plan.users, options.log);
      let loaded = 0;
      // FREEZE: the table was truncated in this transaction, so its rows can be written already frozen
      // and all-visible; foreign key checks, index builds and the first readers then skip per-row
      // visibility work, and no vacuum has to rewrite every page later. (TRUNCATE is already not
      // MVCC-safe for older snapshots, so FREEZE takes nothing more from concurrent readers.)
      const copy = client.query(copyFrom(`COPY alma.${table.name} (${table.columns.join(', ')}) FROM STDIN WITH (FREEZE)`));
      await pipeline(seededRowsStream(population, table, (done, count) => {
        loaded = count;
        progress.update(done, count);
      }), copy);
      // A table's own keys are part of loading it (and of its rows/s): duplicates fail here.
      await recreate(client, deferred.takeKeysOf(`alma.${table.name}`));
      progress.finish(plan.users, loaded);
      rows[table.name] = loaded;
      if (table.name === 'users') usersSeconds = (performance.now() - tableStartedAt) / 1000;
    }
    const indexingStartedAt = performance.now();
    await recreate(client, deferred.takeRest());
    await client.query(`ANALYZE ${[...DATA_TABLES, ...CODE_TABLE_NAMES].join(', ')}`);
    await client.query('COMMIT');
    say(`built indexes and foreign keys, analyzed and committed in ${((performance.now() - indexingStartedAt) / 1000).toFixed(1)} s`);
    return { seeded: true, rows, seconds: (performance.now() - startedAt) / 1000, usersSeconds };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function existingUsers(client: pg.ClientBase): Promise<number> {
  const result = await client.query<{ count: string }>('SELECT count(*) AS count FROM alma.users');
  return Number(result.rows[0]?.count ?? 0);
}
