import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymizeCompletedActivity } from '../../src/anonymize/anonymize-completed-activity';
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

type Scratch = Awaited<ReturnType<typeof createScratchDatabase>>;


async function seeded(label: string): Promise<Scratch> {
  const database = await createScratchDatabase(label);
  await migrateToLatest(database.url);
  await seedDatabase(database.url, { users: USERS, seed: '11', asOf: AS_OF, whenNotEmpty: 'refuse', log: () => undefined });
  // What every activity row held before anonymization, to compare with after.
  await queryRows(database.url, `CREATE SCHEMA before;
    ${ACTIVITY_TYPES.map((type) => `CREATE TABLE before.${type} AS SELECT * FROM alma.${type};`).join('\n')}`);
  return database;
}

describe('anonymization', () => {
  let whole: Scratch;
  let interrupted: Scratch;
  let dryRunCounts: Record<string, number>;
  let firstRun: Awaited<ReturnType<typeof anonymizeCompletedActivity>>;

  beforeAll(async () => {
    [whole, interrupted] = await Promise.all([seeded('anon_whole'), seeded('anon_interrupted')]);
    const before = await tableChecksums(whole.url);
    dryRunCounts = (await anonymizeCompletedActivity(whole.url, { asOf: AS_OF, dryRun: true })).rows;
    expect(await tableChecksums(whole.url)).toEqual(before);
    firstRun = await anonymizeCompletedActivity(whole.url, { asOf: AS_OF, batchSize: 700 });
  });
  afterAll(async () => {
    await Promise.all([whole?.drop(), interrupted?.drop()]);
  });

  it('changes nothing in a dry run, and the dry run counts what the real run then does', async () => {
    expect(firstRun.rows).toEqual(dryRunCounts);
    for (const type of ACTIVITY_TYPES) expect(dryRunCounts[type], type).toBeGreaterThan(0);
    const audits = await queryRows<{ count: string }>(whole.url, 'SELECT count(*) FROM alma.anonymization_runs');
    expect(Number(audits[0]!.count)).toBe(1);
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
      const [row] = await queryRows<{ changed: string; unlike_user: string }>(whole.url, `
        SELECT count(*) FILTER (WHERE ${GENERAL.map((column) => `a.${column} IS DISTINCT FROM b.${column}`).join(' OR ')}) AS changed,
               count(*) FILTER (WHERE ${GENERAL.map((column) => `a.${column} IS DISTINCT FROM u.${column}`).join(' OR ')}) AS unlike_user
          FROM alma.${type} a JOIN before.${type} b USING (id) JOIN alma.users u ON u.user_id = b.user_id`);
      expect(Number(row!.changed), type).toBe(0);
      expect(Number(row!.unlike_user), type).toBe(0);
    }
  });

  it('never touches open activity, nor completed activity still within retention', async () => {
    for (const type of ACTIVITY_TYPES) {
      const { completed, completedAt } = COMPLETED_ACTIVITY[type];
      const days = privacyConfig().retentionDays[type];
      const [row] = await queryRows<{ kept: string; changed: string }>(whole.url, `
        SELECT count(*) AS kept, count(*) FILTER (WHERE to_jsonb(a) <> to_jsonb(b)) AS changed
          FROM alma.${type} a JOIN before.${type} b USING (id)
         WHERE NOT (b.${completed}) OR b.${completedAt} >= timestamptz '${AS_OF} 00:00+00' - interval '${days} days'`);
      expect(Number(row!.kept), type).toBeGreaterThan(0);
      expect(Number(row!.changed), type).toBe(0);
    }
  });

  it('changes nothing when run again', async () => {
    const before = await tableChecksums(whole.url);
    const again = await anonymizeCompletedActivity(whole.url, { asOf: AS_OF });
    expect(Object.values(again.rows)).toEqual(ACTIVITY_TYPES.map(() => 0));
    expect(await tableChecksums(whole.url)).toEqual(before);
  });

  it('ends, after a run killed midway and a re-run, in the same state as an uninterrupted run', async () => {
    const stop = new Error('killed after the first batch');
    await expect(anonymizeCompletedActivity(interrupted.url, {
      asOf: AS_OF, batchSize: 100, afterBatch: () => { throw stop; },
    })).rejects.toBe(stop);
    const [partial] = await queryRows<{ count: string }>(interrupted.url, 'SELECT count(*) FROM alma.loans WHERE anonymized_at IS NOT NULL');
    expect(Number(partial!.count)).toBe(100);

    await anonymizeCompletedActivity(interrupted.url, { asOf: AS_OF, batchSize: 100 });
    expect(await tableChecksums(interrupted.url, ['anonymized_at'])).toEqual(await tableChecksums(whole.url, ['anonymized_at']));
    // The audit rows of both runs add up to what was anonymized, the killed run's row counting its one batch.
    const audits = await queryRows<Record<string, string>>(interrupted.url,
      `SELECT ${ACTIVITY_TYPES.map((type) => `sum(${type}_anonymized) AS ${type}`).join(', ')},
              count(*) FILTER (WHERE finished_at IS NULL) AS unfinished FROM alma.anonymization_runs`);
    for (const type of ACTIVITY_TYPES) expect(Number(audits[0]![type]), type).toBe(firstRun.rows[type]);
    expect(Number(audits[0]!.unfinished)).toBe(1);
  });
});
