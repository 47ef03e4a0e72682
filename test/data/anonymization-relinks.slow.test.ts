import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymizeCompletedActivity } from '../../src/anonymize/anonymize-completed-activity';
import { candidateCondition, candidateParameters } from '../../src/anonymize/anonymization-candidates';
import { COMPLETED_ACTIVITY } from '../../src/anonymize/completed-activity';
import { migrateToLatest } from '../../src/db/migrate';
import { measureAnonymizedActivity, type AnonymizedActivityReport } from '../../src/privacy-report/anonymized-activity-relinks';
import { ACTIVITY_TYPES, identifyingSnapshotFields, privacyConfig } from '../../src/privacy/privacy-config';
import { seedDatabase } from '../../src/seed/seed-database';
import { startTestCubeServer, tokenFor, type TestCubeServer } from '../support/cube-server';
import { queryRows } from '../support/query-rows';
import { createScratchDatabase } from '../support/scratch-database';
import { restClient } from '../model/rest-client';

// Re-linking anonymized loans to their borrowers, on the default seed of 2,000 users: first after an
// anonymization that only unlinks (what the job did before), then after the job, in the tables and
// through the analyst's REST and SQL API on a server of this suite's own.
const AS_OF = '2026-11-24';
const K = privacyConfig().groups.find((group) => group.name === 'analyst')!.disclosure!.minCellSize;
const SNAPSHOT = privacyConfig().activitySnapshot.filter((field) => field.privacyClass === 'general').map((field) => field.member);

let database: Awaited<ReturnType<typeof createScratchDatabase>>;
let server: TestCubeServer;
let unlinkedOnly: AnonymizedActivityReport;
let afterJob: AnonymizedActivityReport;

async function measure(url: string): Promise<AnonymizedActivityReport> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await measureAnonymizedActivity(client);
  } finally {
    await client.end();
  }
}

/** The borrowers a revealed cell really holds, from the seeded rows (found again by their tracer, origin_id). */
async function trueBorrowers(conditions: readonly [string, unknown][]): Promise<number> {
  const where = conditions.map(([sql], index) => sql.replaceAll('$v', `$${index + 1}`)).join(' AND ');
  const [row] = await queryRows<{ n: string }>(database.url, `
    SELECT count(DISTINCT b.user_id) AS n FROM alma.loans a JOIN before_loans b ON b.id = a.origin_id
     WHERE a.anonymized_at IS NOT NULL AND ${where}`, conditions.map(([, value]) => value));
  return Number(row!.n);
}

const snapshotCondition = (field: string, value: unknown): [string, unknown] => [`a.${field} IS NOT DISTINCT FROM $v::text`, value];

beforeAll(async () => {
  database = await createScratchDatabase('anonymization_relinks');
  await migrateToLatest(database.url);
  await seedDatabase(database.url, { users: 2_000, asOf: AS_OF, whenNotEmpty: 'refuse', log: () => undefined });
  await queryRows(database.url, `CREATE TABLE before_loans AS SELECT * FROM alma.loans;
    ALTER TABLE alma.loans ADD COLUMN origin_id bigint; UPDATE alma.loans SET origin_id = id;`);
  // Unlinking only: the user link and identifying fields erased, nothing else changed.
  const identifying = ['user_id', ...identifyingSnapshotFields().map((field) => field.member)];
  for (const type of ACTIVITY_TYPES) {
    await queryRows(database.url, `UPDATE ${COMPLETED_ACTIVITY[type].table} SET ${identifying.map((column) => `${column} = NULL`).join(', ')},
      anonymized_at = now() WHERE ${candidateCondition(type)}`, candidateParameters(type, AS_OF));
  }
  unlinkedOnly = await measure(database.url);
  await anonymizeCompletedActivity(database.url, { asOf: AS_OF, log: () => undefined });
  afterJob = await measure(database.url);
  server = await startTestCubeServer({ databaseUrl: database.url });
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('re-linking anonymized activity', () => {
  it('finds loans tied to their borrower by moment and by id block after unlinking only, and none after the job', () => {
    const loans = (report: AnonymizedActivityReport) => report.tables.find((table) => table.type === 'loans')!;
    expect(loans(unlinkedOnly).anonymized).toBeGreaterThan(1_000);
    expect(loans(unlinkedOnly).momentEqualsLastActivity).toBeGreaterThan(100);
    expect(loans(unlinkedOnly).betweenOneUsersRows).toBeGreaterThan(100);
    expect(loans(unlinkedOnly).nextToTheSameSnapshot).toBeGreaterThan(1_000);
    for (const table of afterJob.tables) {
      expect(table.anonymized, table.type).toBe(unlinkedOnly.tables.find((before) => before.type === table.type)!.anonymized);
      expect(table.momentEqualsLastActivity, table.type).toBe(0);
      expect(table.betweenOneUsersRows, table.type).toBe(0);
      expect(table.nextToTheSameSnapshot, table.type).toBe(0);
    }
  });

  it('finishes rows an unlink-only run left: every anonymized row has a new id and moments at the configured unit', async () => {
    for (const type of ACTIVITY_TYPES) {
      const { table, timestamps } = COMPLETED_ACTIVITY[type];
      const unit = privacyConfig().anonymizationGranularity;
      const [row] = await queryRows<{ n: string }>(database.url, `SELECT count(*) AS n FROM ${table} WHERE anonymized_at IS NOT NULL
        AND (id > 0 OR ${timestamps.map((column) => `${column} <> date_trunc('${unit}', ${column}, 'UTC')`).join(' OR ')})`);
      expect(Number(row!.n), type).toBe(0);
    }
  });

  it('keeps the snapshot, so loans with a snapshot only one user has remain: the minimum cell size must hide them', () => {
    const loans = afterJob.tables.find((table) => table.type === 'loans')!;
    expect(loans.uniqueSnapshot).toBe(unlinkedOnly.tables.find((table) => table.type === 'loans')!.uniqueSnapshot);
    expect(loans.uniqueSnapshot).toBeGreaterThan(1_000);
  });

  it('shows the analyst, over REST, no cell of anonymized loans that holds fewer than k borrowers, where admin sees single borrowers', async () => {
    const queries = [
      { dimensions: SNAPSHOT.map((field) => `fulfillment.${field}`), timeDimensions: [] as object[] },
      { dimensions: ['fulfillment.campus_code', 'fulfillment.user_group', 'fulfillment.job_title'],
        timeDimensions: [{ dimension: 'fulfillment.return_date', granularity: 'day' }] },
      { dimensions: ['fulfillment.campus_code', 'fulfillment.user_group'], timeDimensions: [] },
    ];
    let adminSingles = 0;
    let revealed = 0;
    for (const { dimensions, timeDimensions } of queries) {
      const query = {
        measures: ['fulfillment.num_of_loans'], dimensions, timeDimensions, limit: 50_000,
        filters: [{ member: 'fulfillment.is_anonymized', operator: 'equals', values: ['true'] }],
      };
      const conditionsOf = (row: Record<string, unknown>): [string, unknown][] => [
        ...dimensions.map((member) => snapshotCondition(member.split('.')[1]!, row[member])),
        ...timeDimensions.length > 0 ? [[`date_trunc('day', a.return_date AT TIME ZONE 'UTC') = $v::timestamp`,
          row['fulfillment.return_date.day']] as [string, unknown]] : [],
      ];
      const analyst = await restClient('analyst', undefined, server).load(query);
      expect(analyst.body.error, JSON.stringify(analyst.body.error)).toBeUndefined();
      for (const row of analyst.body.data as Record<string, unknown>[]) {
        if (row['fulfillment.num_of_loans'] === null) continue;
        revealed += 1;
        expect(await trueBorrowers(conditionsOf(row)), JSON.stringify(dimensions)).toBeGreaterThanOrEqual(K);
      }
      const admin = await restClient('admin', undefined, server).load(query);
      for (const row of (admin.body.data as Record<string, unknown>[]).slice(0, 40)) {
        if ((await trueBorrowers(conditionsOf(row))) === 1) adminSingles += 1;
      }
    }
    // The coarse question is answered (the check above ran on real cells), and without a minimum cell
    // size the fine ones do single borrowers out: the test could fail.
    expect(revealed).toBeGreaterThan(0);
    expect(adminSingles).toBeGreaterThan(10);
  });

  it('never shows the analyst a last activity finer than the day, so it is no exact join key', async () => {
    const midnight = (value: unknown) => value === null || /^\d{4}-\d{2}-\d{2}([T ]00:00:00(\.000)?Z?)?$/.test(
      value instanceof Date ? value.toISOString() : String(value));
    const analyst = restClient('analyst', undefined, server);
    let answered = 0;
    for (const query of [
      { measures: ['users.count'], dimensions: ['users.last_activity_date'] },
      { measures: ['users.count'], timeDimensions: [{ dimension: 'users.last_activity_date', granularity: 'second' }] },
      { measures: ['users.count'], timeDimensions: [{ dimension: 'users.last_activity_date', granularity: 'day' }] },
    ]) {
      const { body } = await analyst.load(query);
      if (body.error) continue; // refused: nothing finer than the day either
      for (const row of body.data as Record<string, unknown>[]) {
        for (const [member, value] of Object.entries(row)) if (member.startsWith('users.last_activity_date')) expect(midnight(value), member).toBe(true);
      }
      answered += 1;
    }
    expect(answered).toBeGreaterThan(0);
    const client = new pg.Client({ host: '127.0.0.1', port: server.sqlPort, user: 'analyst-tool', password: tokenFor(server, 'analyst'), database: 'db' });
    await client.connect();
    try {
      const result = await client.query<{ last_activity_date: unknown }>(
        'SELECT last_activity_date, MEASURE(count) AS users FROM users GROUP BY 1').catch((error: Error) => error);
      if (!(result instanceof Error)) for (const row of result.rows) expect(midnight(row.last_activity_date), String(row.last_activity_date)).toBe(true);
    } finally {
      await client.end();
    }
  });

  it('answers the analyst the same over the SQL API', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: server.sqlPort, user: 'analyst-tool', password: tokenFor(server, 'analyst'), database: 'db' });
    await client.connect();
    try {
      let revealed = 0;
      for (const fields of [SNAPSHOT, ['campus_code', 'user_group']]) {
        const result = await client.query<Record<string, unknown>>(`SELECT ${fields.join(', ')}, MEASURE(num_of_loans) AS loans
          FROM fulfillment WHERE is_anonymized = true GROUP BY ${fields.map((_, i) => i + 1).join(', ')}`);
        for (const row of result.rows) {
          if (row.loans === null) continue;
          revealed += 1;
          expect(await trueBorrowers(fields.map((field) => snapshotCondition(field, row[field]))), fields.join()).toBeGreaterThanOrEqual(K);
        }
      }
      expect(revealed).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });
});
