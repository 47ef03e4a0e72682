import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_DEPENDENT_COLUMNS } from '../../src/anonymize/anonymizing-batch';
import { migrateToLatest } from '../../src/db/migrate';
import { identifyingSnapshotFields, ACTIVITY_TYPES } from '../../src/privacy/privacy-config';
import { seedDatabase } from '../../src/seed/seed-database';
import { tableChecksums } from '../../src/seed/table-checksums';
import { createScratchDatabase } from '../support/scratch-database';
import { runAndKill, runToEnd } from './support/killed-run';
import { queryRows } from '../support/query-rows';

// `npm run seed` and `npm run anonymize` killed with SIGKILL at random points, then
// run again: the database is always the old data or the new, never a mix, and the
// re-run ends where an uninterrupted run ends. (The data suite covers failures
// inside the process; these are real kills of the process group.)
const AS_OF = '2026-11-24';
const SEED_ARGS = ['--users', '4000', '--seed', '21', '--as-of', AS_OF, '--reset'];
const IDENTIFYING = ['user_id', ...identifyingSnapshotFields().map((field) => field.member)];
type Scratch = Awaited<ReturnType<typeof createScratchDatabase>>;
const scratches: Scratch[] = [];

async function scratch(label: string): Promise<Scratch> {
  const database = await createScratchDatabase(label);
  scratches.push(database);
  await migrateToLatest(database.url);
  return database;
}


/** Random delays after the run is at work, spread over it, written into failure messages so a failure can be replayed. */
const killPoints = (count: number, upToMs: number) => Array.from({ length: count }, (_, i) => Math.round(((i + Math.random()) / count) * upToMs));

/** True once `sql` (run on `url`) returns a row. */
const seen = (url: string, sql: string) => async () => (await queryRows(url, sql)).length > 0;

afterAll(async () => {
  await Promise.all(scratches.map((database) => database.drop()));
});

describe('a seed killed at random points', () => {
  let target: Scratch;
  let oldData: Record<string, string>;
  let newData: Record<string, string>;

  beforeAll(async () => {
    const reference = await scratch('killed_seed_reference');
    target = await scratch('killed_seed');
    await seedDatabase(target.url, { users: 300, seed: '20', asOf: AS_OF, whenNotEmpty: 'refuse', log: () => undefined });
    oldData = await tableChecksums(target.url);
    await runToEnd('seed', SEED_ARGS, reference.url);
    newData = await tableChecksums(reference.url);
  }, 120_000);

  it('leaves the old data or the new, whole, and a re-run gives the new', async () => {
    let killedMidway = 0;
    // At work: its transaction is open (COPY into the tables, or rebuilding indexes after).
    const seeding = seen(target.url, "SELECT 1 FROM pg_stat_activity WHERE state <> 'idle' AND backend_xid IS NOT NULL AND datname = current_database() AND pid <> pg_backend_pid()");
    for (const afterMs of killPoints(4, 900)) {
      const run = await runAndKill('seed', SEED_ARGS, target.url, { started: seeding, afterMs });
      if (!run.finishedFirst) killedMidway += 1;
      const now = await tableChecksums(target.url);
      const state = JSON.stringify(now) === JSON.stringify(oldData) ? 'old' : JSON.stringify(now) === JSON.stringify(newData) ? 'new' : 'mixed';
      expect(state, `killed after ${afterMs} ms (finished first: ${run.finishedFirst})`).not.toBe('mixed');
      if (state === 'new') oldData = newData;
      // The foreign keys and indexes a seed drops while loading are back.
      const count = (await queryRows<{ count: string }>(target.url, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'alma'::regnamespace"))[0]?.count;
      expect(Number(count), `killed after ${afterMs} ms`).toBeGreaterThanOrEqual(3);
    }
    expect(killedMidway).toBeGreaterThan(0);
    await runToEnd('seed', SEED_ARGS, target.url);
    expect(await tableChecksums(target.url)).toEqual(newData);
  }, 150_000);
});

describe('an anonymization killed at random points', () => {
  let target: Scratch;
  let reference: Scratch;

  beforeAll(async () => {
    [target, reference] = [await scratch('killed_anon'), await scratch('killed_anon_reference')];
    for (const database of [target, reference]) {
      await seedDatabase(database.url, { users: 6000, seed: '22', asOf: AS_OF, whenNotEmpty: 'refuse', log: () => undefined });
    }
    await runToEnd('anonymize', ['--as-of', AS_OF], reference.url);
  }, 120_000);

  it('anonymizes each row whole or not at all, and a re-run ends like an uninterrupted run', async () => {
    let killedMidway = 0;
    for (const afterMs of killPoints(4, 120)) {
      // At work: this run's audit row is written (rows of earlier killed runs stay unfinished).
      const last = (await queryRows<{ last: string }>(target.url, 'SELECT coalesce(max(id), 0) AS last FROM alma.anonymization_runs'))[0]?.last;
      const anonymizing = seen(target.url, `SELECT 1 FROM alma.anonymization_runs WHERE id > ${Number(last)}`);
      const run = await runAndKill('anonymize', ['--as-of', AS_OF], target.url, { started: anonymizing, afterMs });
      if (!run.finishedFirst) killedMidway += 1;
      for (const type of ACTIVITY_TYPES) {
        const [row] = await queryRows<{ half: string }>(target.url, `SELECT count(*) AS half FROM alma.${type}
          WHERE anonymized_at IS NOT NULL AND (id > 0 OR ${IDENTIFYING.map((column) => `${column} IS NOT NULL`).join(' OR ')})`);
        expect(Number(row!.half), `${type}, killed after ${afterMs} ms (finished first: ${run.finishedFirst})`).toBe(0);
      }
    }
    expect(killedMidway).toBeGreaterThan(0);
    await runToEnd('anonymize', ['--as-of', AS_OF], target.url);
    expect(await tableChecksums(target.url, RUN_DEPENDENT_COLUMNS)).toEqual(await tableChecksums(reference.url, RUN_DEPENDENT_COLUMNS));
    // Each run left an audit row; the unfinished ones are the killed runs that had started.
    const [audit] = await queryRows<{ runs: string; finished: string }>(target.url, 'SELECT count(*) AS runs, count(finished_at) AS finished FROM alma.anonymization_runs');
    expect(Number(audit!.finished)).toBeGreaterThanOrEqual(1);
    expect(Number(audit!.runs)).toBeLessThanOrEqual(5);
  }, 150_000);
});
