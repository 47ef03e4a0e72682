import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymizeCompletedActivity } from '../../src/anonymize/anonymize-completed-activity';
import { RUN_DEPENDENT_COLUMNS } from '../../src/anonymize/anonymizing-batch';
import { COMPLETED_ACTIVITY } from '../../src/anonymize/completed-activity';
import { migrateToLatest } from '../../src/db/migrate';
import { ACTIVITY_TYPES, identifyingSnapshotFields, privacyConfig } from '../../src/privacy/privacy-config';
import { seedDatabase } from '../../src/seed/seed-database';
import { tableChecksums } from '../../src/seed/table-checksums';
import { createScratchDatabase } from '../support/scratch-database';
import { queryRows } from '../support/query-rows';

const USERS = 2_000;
const AS_OF = '2026-11-24';
const IDENTIFYING = ['user_id', ...identifyingSnapshotFields().map((field) => field.member)];
const GENERAL = privacyConfig().activitySnapshot.filter((field) => field.privacyClass !== 'identifying').map((field) => field.member);
const quiet = () => undefined;

type Scratch = Awaited<ReturnType<typeof createScratchDatabase>>;

/**
 * A seeded database whose activity rows carry a tracer, `origin_id` (their seeded id), that the job
 * knows nothing about and so leaves alone: the test's way to find a row again after the job re-keyed it.
 * `before.<type>` holds every row as it was.
 */
async function seeded(label: string): Promise<Scratch> {
  const database = await createScratchDatabase(label);
  await migrateToLatest(database.url);
  await seedDatabase(database.url, { users: USERS, seed: '11', asOf: AS_OF, whenNotEmpty: 'refuse', log: quiet });
  await queryRows(database.url, `CREATE SCHEMA before;
    ${ACTIVITY_TYPES.map((type) => `CREATE TABLE before.${type} AS SELECT * FROM alma.${type};
      ALTER TABLE alma.${type} ADD COLUMN origin_id bigint; UPDATE alma.${type} SET origin_id = id;`).join('\n')}`);
  return database;
}

const count = async (url: string, sql: string) => Number((await queryRows<{ n: string }>(url, sql))[0]!.n);

describe('anonymization', () => {
  let whole: Scratch;
  let interrupted: Scratch;
  let dryRunCounts: Record<string, number>;
  let firstRun: Awaited<ReturnType<typeof anonymizeCompletedActivity>>;
  const progress: string[] = [];

  beforeAll(async () => {
    [whole, interrupted] = await Promise.all([seeded('anon_whole'), seeded('anon_interrupted')]);
    const before = await tableChecksums(whole.url);
    dryRunCounts = (await anonymizeCompletedActivity(whole.url, { asOf: AS_OF, dryRun: true })).rows;
    expect(await tableChecksums(whole.url)).toEqual(before);
    firstRun = await anonymizeCompletedActivity(whole.url, { asOf: AS_OF, batchSize: 700, log: (line) => progress.push(line) });
  });
  afterAll(async () => {
    await Promise.all([whole?.drop(), interrupted?.drop()]);
  });

  it('changes nothing in a dry run, and the dry run counts what the real run then does', async () => {
    expect(firstRun.rows).toEqual(dryRunCounts);
    for (const type of ACTIVITY_TYPES) expect(dryRunCounts[type], type).toBeGreaterThan(0);
    expect(await count(whole.url, 'SELECT count(*) AS n FROM alma.anonymization_runs')).toBe(1);
  });

  it('reports its progress per type, ending with the rows it did', () => {
    for (const type of ACTIVITY_TYPES) {
      const total = firstRun.rows[type].toLocaleString('en-US');
      expect(progress, type).toContainEqual(expect.stringMatching(new RegExp(`^${type}: ${total}/${total} rows anonymized.*\\(done\\)$`)));
    }
    // 5,721-odd loans in batches of 700: lines along the way, not only the last.
    expect(progress.filter((line) => line.startsWith('loans:')).length).toBeGreaterThan(3);
  });

  it('leaves no completed activity past retention with a user link or an identifying field', async () => {
    for (const type of ACTIVITY_TYPES) {
      const { table, completed, completedAt } = COMPLETED_ACTIVITY[type];
      const days = privacyConfig().retentionDays[type];
      const [row] = await queryRows<{ linked: string; anonymized: string }>(whole.url, `
        SELECT count(*) FILTER (WHERE ${IDENTIFYING.map((column) => `${column} IS NOT NULL`).join(' OR ')}) AS linked,
               count(*) FILTER (WHERE anonymized_at IS NOT NULL) AS anonymized
          FROM ${table} WHERE ${completed} AND ${completedAt} < timestamptz '${AS_OF} 00:00+00' - interval '${days} days'`);
      expect(Number(row!.linked), type).toBe(0);
      expect(Number(row!.anonymized), type).toBe(firstRun.rows[type]);
    }
  });

  it('keeps the general snapshot exactly as the user had it', async () => {
    for (const type of ACTIVITY_TYPES) {
      const [row] = await queryRows<{ changed: string; unlike_user: string; rows: string }>(whole.url, `
        SELECT count(*) FILTER (WHERE ${GENERAL.map((column) => `a.${column} IS DISTINCT FROM b.${column}`).join(' OR ')}) AS changed,
               count(*) FILTER (WHERE ${GENERAL.map((column) => `a.${column} IS DISTINCT FROM u.${column}`).join(' OR ')}) AS unlike_user,
               count(*) AS rows
          FROM alma.${type} a JOIN before.${type} b ON b.id = a.origin_id JOIN alma.users u ON u.user_id = b.user_id
         WHERE a.anonymized_at IS NOT NULL`);
      expect(Number(row!.rows), type).toBe(firstRun.rows[type]);
      expect(Number(row!.changed), type).toBe(0);
      expect(Number(row!.unlike_user), type).toBe(0);
    }
  });

  it('gives every anonymized row a new random id, unrelated to the old one and to the ids of live rows', async () => {
    for (const type of ACTIVITY_TYPES) {
      const [row] = await queryRows<Record<string, string>>(whole.url, `
        SELECT count(*) FILTER (WHERE id >= 0) AS not_rekeyed,
               count(*) FILTER (WHERE id = origin_id) AS same_id,
               count(DISTINCT id) AS ids, count(*) AS rows,
               -- Spread over the range: an id is 60 random bits, so the ids' order says nothing of the old order.
               abs(corr(id::float8, origin_id::float8)) AS correlation
          FROM alma.${type} WHERE anonymized_at IS NOT NULL`);
      expect(Number(row!.not_rekeyed), type).toBe(0);
      expect(Number(row!.same_id), type).toBe(0);
      expect(Number(row!.ids), type).toBe(Number(row!.rows));
      // Independent ids give a sample correlation of about 1/sqrt(n) (borrowing requests are a few hundred rows,
      // so about 0.06); five standard errors keeps a false alarm below one run in a million, while the
      // sequential ids of before correlate near 1.
      expect(Number(row!.rows), `${type}: too few rows for the correlation bound to mean anything`).toBeGreaterThan(100);
      expect(Number(row!.correlation), type).toBeLessThan(5 / Math.sqrt(Number(row!.rows)));
      expect(await count(whole.url, `SELECT count(*) AS n FROM alma.${type} WHERE anonymized_at IS NULL AND id < 0`), type).toBe(0);
    }
  });

  it('scatters a borrower\'s anonymized loans: no block of ids says they belong together', async () => {
    // Before: ids were handed out user by user, so neighbours in id order were mostly one borrower's loans.
    const sameBorrowerNeighbours = (order: string) => queryRows<{ same: string; pairs: string }>(whole.url, `
      SELECT count(*) FILTER (WHERE borrower = next_borrower) AS same, count(next_borrower) AS pairs
        FROM (SELECT b.user_id AS borrower, lead(b.user_id) OVER (ORDER BY ${order}) AS next_borrower
                FROM alma.loans a JOIN before.loans b ON b.id = a.origin_id WHERE a.anonymized_at IS NOT NULL) AS neighbours`);
    const [before] = await sameBorrowerNeighbours('a.origin_id');
    const [after] = await sameBorrowerNeighbours('a.id');
    expect(Number(before!.same) / Number(before!.pairs)).toBeGreaterThan(0.5);
    expect(Number(after!.same) / Number(after!.pairs)).toBeLessThan(0.01);
    // And no anonymized loan sits in the id range of a borrower's live loans any more, as the gap it left did.
    const insideLiveRange = (id: string) => count(whole.url, `
      WITH live AS (SELECT user_id, min(${id}) AS low, max(${id}) AS high FROM alma.loans WHERE user_id IS NOT NULL GROUP BY user_id)
      SELECT count(*) AS n FROM alma.loans a JOIN live ON a.${id} BETWEEN live.low AND live.high WHERE a.anonymized_at IS NOT NULL`);
    expect(await insideLiveRange('origin_id')).toBeGreaterThan(100);
    expect(await insideLiveRange('id')).toBe(0);
  });

  it('coarsens every moment of an anonymized row to the configured unit, and no other row', async () => {
    const unit = privacyConfig().anonymizationGranularity;
    for (const type of ACTIVITY_TYPES) {
      const moments = [...COMPLETED_ACTIVITY[type].timestamps, 'anonymized_at'];
      const [row] = await queryRows<Record<string, string>>(whole.url, `
        SELECT count(*) FILTER (WHERE ${moments.map((column) => `a.${column} <> date_trunc('${unit}', a.${column}, 'UTC')`).join(' OR ')}) AS finer,
               count(*) FILTER (WHERE ${COMPLETED_ACTIVITY[type].timestamps.map((column) =>
                 `a.${column} IS DISTINCT FROM date_trunc('${unit}', b.${column}, 'UTC')`).join(' OR ')}) AS moved
          FROM alma.${type} a JOIN before.${type} b ON b.id = a.origin_id WHERE a.anonymized_at IS NOT NULL`);
      expect(Number(row!.finer), type).toBe(0);
      expect(Number(row!.moved), type).toBe(0);
    }
  });

  it('leaves no anonymized loan with a moment equal to any user\'s last activity, where before there were many', async () => {
    const equalToLastActivity = (table: string, filter: string) => count(whole.url, `
      SELECT count(*) AS n FROM ${table} l WHERE ${filter} AND EXISTS (
        SELECT 1 FROM alma.users u WHERE u.last_activity_date IN (l.loan_date, l.due_date, l.return_date))`);
    expect(await equalToLastActivity('before.loans', `l.id IN (SELECT origin_id FROM alma.loans WHERE anonymized_at IS NOT NULL)`))
      .toBeGreaterThan(500);
    expect(await equalToLastActivity('alma.loans', 'l.anonymized_at IS NOT NULL')).toBe(0);
  });

  it('cuts the link between a fine and a loan once either is anonymized, where before some pointed across', async () => {
    const across = (schema: string) => count(whole.url, `
      SELECT count(*) AS n FROM ${schema}.fines_fees f JOIN ${schema}.loans l ON l.id = f.loan_id
       WHERE ${schema === 'alma' ? 'f.anonymized_at IS NOT NULL OR l.anonymized_at IS NOT NULL'
         : 'f.id IN (SELECT origin_id FROM alma.fines_fees WHERE anonymized_at IS NOT NULL) OR l.id IN (SELECT origin_id FROM alma.loans WHERE anonymized_at IS NOT NULL)'}`);
    expect(await across('before')).toBeGreaterThan(0);
    expect(await across('alma')).toBe(0);
    expect(await count(whole.url, 'SELECT count(*) AS n FROM alma.fines_fees WHERE anonymized_at IS NOT NULL AND loan_id IS NOT NULL')).toBe(0);
  });

  it('never touches open activity, nor completed activity still within retention, but for a fine letting go of an anonymized loan', async () => {
    for (const type of ACTIVITY_TYPES) {
      const { completed, completedAt } = COMPLETED_ACTIVITY[type];
      const days = privacyConfig().retentionDays[type];
      const [row] = await queryRows<{ kept: string; changed: string }>(whole.url, `
        SELECT count(*) AS kept, count(*) FILTER (WHERE to_jsonb(a) - 'origin_id' - 'loan_id' <> to_jsonb(b) - 'loan_id') AS changed
          FROM alma.${type} a JOIN before.${type} b ON b.id = a.origin_id
         WHERE NOT (b.${completed}) OR b.${completedAt} >= timestamptz '${AS_OF} 00:00+00' - interval '${days} days'`);
      expect(Number(row!.kept), type).toBeGreaterThan(0);
      expect(Number(row!.changed), type).toBe(0);
    }
  });

  it('changes nothing when run again', async () => {
    const before = await tableChecksums(whole.url);
    const again = await anonymizeCompletedActivity(whole.url, { asOf: AS_OF, log: quiet });
    expect(Object.values(again.rows)).toEqual(ACTIVITY_TYPES.map(() => 0));
    expect(await tableChecksums(whole.url)).toEqual(before);
  });

  it('ends, after a run killed midway and a re-run, in the same state as an uninterrupted run', async () => {
    const stop = new Error('killed after the first batch');
    await expect(anonymizeCompletedActivity(interrupted.url, {
      asOf: AS_OF, batchSize: 100, log: quiet, afterBatch: () => { throw stop; },
    })).rejects.toBe(stop);
    expect(await count(interrupted.url, 'SELECT count(*) AS n FROM alma.loans WHERE anonymized_at IS NOT NULL')).toBe(100);

    await anonymizeCompletedActivity(interrupted.url, { asOf: AS_OF, batchSize: 100, log: quiet });
    // origin_id stays in: the same rows, not only the same contents, ended anonymized.
    expect(await tableChecksums(interrupted.url, RUN_DEPENDENT_COLUMNS)).toEqual(await tableChecksums(whole.url, RUN_DEPENDENT_COLUMNS));
    // The audit rows of both runs add up to what was anonymized, the killed run's row counting its one batch.
    const audits = await queryRows<Record<string, string>>(interrupted.url,
      `SELECT ${ACTIVITY_TYPES.map((type) => `sum(${type}_anonymized) AS ${type}`).join(', ')},
              count(*) FILTER (WHERE finished_at IS NULL) AS unfinished FROM alma.anonymization_runs`);
    for (const type of ACTIVITY_TYPES) expect(Number(audits[0]![type]), type).toBe(firstRun.rows[type]);
    expect(Number(audits[0]!.unfinished)).toBe(1);
  });
});
