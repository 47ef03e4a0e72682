import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate';
import { privacyConfig } from '../../src/privacy/privacy-config';
import { DatabaseNotEmptyError, seedDatabase } from '../../src/seed/seed-database';
import { SeededPopulation } from '../../src/seed/seeded-population';
import { seedIfEmpty } from '../../src/seed/seed-if-empty';
import { tableChecksums } from '../../src/seed/table-checksums';
import { userDetailsFields } from '../../src/user-details/user-details-fields';
import { createScratchDatabase } from '../support/scratch-database';

const USERS = 2_000;
const AS_OF = '2026-11-24';
const quiet = () => undefined;

async function one<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows[0] as T;
  } finally {
    await client.end();
  }
}

describe('seeding', () => {
  let first: Awaited<ReturnType<typeof createScratchDatabase>>;
  let second: Awaited<ReturnType<typeof createScratchDatabase>>;
  beforeAll(async () => {
    [first, second] = await Promise.all([createScratchDatabase('seed_a'), createScratchDatabase('seed_b')]);
    await Promise.all([migrateToLatest(first.url), migrateToLatest(second.url)]);
    await seedDatabase(first.url, { users: USERS, seed: '7', asOf: AS_OF, whenNotEmpty: 'refuse', log: quiet });
  });
  afterAll(async () => {
    await Promise.all([first?.drop(), second?.drop()]);
  });

  it('gives the same rows for the same seed, size and as-of date, and other rows for another seed', async () => {
    await seedDatabase(second.url, { users: USERS, seed: '7', asOf: AS_OF, whenNotEmpty: 'replace', log: quiet });
    const original = await tableChecksums(first.url);
    expect(await tableChecksums(second.url)).toEqual(original);

    await seedDatabase(second.url, { users: USERS, seed: '8', asOf: AS_OF, whenNotEmpty: 'replace', log: quiet });
    const other = await tableChecksums(second.url);
    expect(other['alma.users']).not.toBe(original['alma.users']);
    expect(other['alma.loans']).not.toBe(original['alma.loans']);
  });

  it('makes each user from its index alone, so chunking cannot change the output', () => {
    const whole = new SeededPopulation({ users: 300, seed: '7', asOf: AS_OF });
    const part = new SeededPopulation({ users: 120, seed: '7', asOf: AS_OF });
    const lines = (population: SeededPopulation) => {
      const cursor = population.cursor();
      const all: string[] = [];
      while (cursor.next()) all.push(population.tables[0]!.linesOf(cursor.user, cursor.ids));
      return all;
    };
    expect(lines(whole).slice(0, 120)).toEqual(lines(part));
  });

  it('fills every field of the field list for someone, and only those', () => {
    const population = new SeededPopulation({ users: 1, seed: '7', asOf: AS_OF });
    const cursor = population.cursor();
    cursor.next();
    expect(Object.keys(cursor.user.values).sort()).toEqual(userDetailsFields().map((field) => field.member).sort());
  });

  it('refuses to seed over data without --reset, and skips when asked to seed only an empty database', async () => {
    await expect(seedDatabase(first.url, { users: 10, asOf: AS_OF, whenNotEmpty: 'refuse', log: quiet }))
      .rejects.toThrow(DatabaseNotEmptyError);
    const before = await tableChecksums(first.url);
    expect(await seedIfEmpty(first.url, { users: 10, log: quiet })).toBe(false);
    expect(await tableChecksums(first.url)).toEqual(before);
  });

  it('seeds an empty database when asked to seed only an empty one, and gives back every key, index and foreign key', async () => {
    const empty = await createScratchDatabase('seed_empty');
    // The seed drops these for the load and makes them again before its commit.
    const schema = `SELECT string_agg(definition, E'\\n' ORDER BY definition) AS definitions FROM (
        SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS definition
          FROM pg_constraint WHERE connamespace = 'alma'::regnamespace
        UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'alma') AS everything`;
    try {
      await migrateToLatest(empty.url);
      const migrated = await one<{ definitions: string }>(empty.url, schema);
      expect(migrated.definitions).toContain('FOREIGN KEY (user_id) REFERENCES alma.users(user_id)');
      expect(await seedIfEmpty(empty.url, { users: 50, log: quiet })).toBe(true);
      expect(Number((await one<{ count: string }>(empty.url, 'SELECT count(*) FROM alma.users')).count)).toBe(50);
      expect(await one<{ definitions: string }>(empty.url, schema)).toEqual(migrated);
      // Again from a session whose search_path names the tables without their schema.
      const unqualified = `${empty.url}${empty.url.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c search_path=alma,public')}`;
      await seedDatabase(unqualified, { users: 30, seed: '3', asOf: AS_OF, whenNotEmpty: 'replace', log: quiet });
      expect(Number((await one<{ count: string }>(empty.url, 'SELECT count(*) FROM alma.users')).count)).toBe(30);
      expect(await one<{ definitions: string }>(empty.url, schema)).toEqual(migrated);
    } finally {
      await empty.drop();
    }
  });

  it('leaves the old data whole when a seed fails midway', async () => {
    const before = await tableChecksums(first.url);
    const failingLog = (line: string) => {
      if (line.startsWith('loans:')) throw new Error('interrupted while loading loans');
    };
    await expect(seedDatabase(first.url, { users: 500, seed: '9', asOf: AS_OF, whenNotEmpty: 'replace', log: failingLog }))
      .rejects.toThrow('interrupted while loading loans');
    expect(await tableChecksums(first.url)).toEqual(before);
    const indexes = await one<{ count: string }>(first.url, `SELECT count(*) FROM pg_indexes WHERE schemaname = 'alma' AND indexname = 'loans_user_id_idx'`);
    expect(Number(indexes.count)).toBe(1);
  });

  it('keeps the believable shape: group mix, names, dates, shares', async () => {
    const groups = await one<Record<string, string>>(first.url, `
      SELECT count(*) FILTER (WHERE user_group_code = 'UGRAD') AS ugrad, count(*) FILTER (WHERE user_group_code = 'GRAD') AS grad,
             count(*) FILTER (WHERE user_group_code = 'FACULTY') AS faculty, count(*) FILTER (WHERE user_group_code = 'EXTERNAL') AS external,
             count(*) FILTER (WHERE is_blocked) AS blocked, count(*) FILTER (WHERE linked_from_other_institution) AS linked,
             count(*) FILTER (WHERE preferred_first_name IS NOT NULL) AS preferred,
             count(*) FILTER (WHERE user_type = 'Internal') AS internal, count(*) FILTER (WHERE user_record_type = 'Staff') AS staff,
             count(*) FILTER (WHERE full_name <> first_name || ' ' || last_name) AS bad_full_names,
             count(*) FILTER (WHERE purge_date <= expiry_date) AS bad_purges,
             count(*) FILTER (WHERE user_group_code = 'UGRAD' AND to_char(expiry_date, 'MM-DD') <> '06-30') AS bad_expiries,
             count(*) FILTER (WHERE user_group_code = 'UGRAD' AND age(date '${AS_OF}', birth_date) NOT BETWEEN interval '17 years' AND interval '28 years') AS bad_ages,
             count(*) FILTER (WHERE status = 'Active' AND expiry_date < date '${AS_OF}') AS active_expired
        FROM alma.users`);
    const n = (key: string) => Number(groups[key]);
    expect(n('ugrad')).toBeGreaterThan(n('grad'));
    expect(n('grad')).toBeGreaterThan(n('faculty'));
    expect(n('faculty')).toBeGreaterThan(0);
    expect(n('external')).toBeGreaterThan(0);
    for (const share of ['blocked', 'linked', 'preferred', 'internal', 'staff']) {
      expect(n(share), share).toBeGreaterThan(0);
      expect(n(share), share).toBeLessThan(USERS * 0.25);
    }
    for (const broken of ['bad_full_names', 'bad_purges', 'bad_expiries', 'bad_ages', 'active_expired']) expect(n(broken), broken).toBe(0);
  });

  it('takes coded values from the code tables', async () => {
    const strays = await one<{ count: string }>(first.url, `
      SELECT count(*) FROM alma.users u
       WHERE NOT EXISTS (SELECT 1 FROM alma.user_groups g WHERE g.code = u.user_group_code AND g.name = u.user_group)
          OR NOT EXISTS (SELECT 1 FROM alma.campuses c WHERE c.code = u.campus_code)
          OR NOT EXISTS (SELECT 1 FROM alma.job_categories j WHERE j.name = u.job_title)
          OR NOT EXISTS (SELECT 1 FROM alma.languages l WHERE l.code = u.default_language)
          OR (u.statistical_category_1 IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM alma.statistical_category_values s WHERE s.category = 1 AND s.description = u.statistical_category_1))
          OR (u.linked_from_institution_code IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM alma.institutions i WHERE i.code = u.linked_from_institution_code))`);
    expect(Number(strays.count)).toBe(0);
  });

  it('makes activity consistent with its user: snapshot, last activity, time order', async () => {
    const snapshot = privacyConfig().activitySnapshot.map((field) => field.member);
    const mismatch = snapshot.map((column) => `a.${column} IS DISTINCT FROM u.${column}`).join(' OR ');
    const checks = await one<Record<string, string>>(first.url, `
      SELECT (SELECT count(*) FROM alma.loans a JOIN alma.users u USING (user_id) WHERE ${mismatch}) AS snapshot_mismatches,
             (SELECT count(*) FROM alma.users u WHERE last_activity_date IS DISTINCT FROM (
                SELECT max(t) FROM (
                  SELECT loan_date AS t FROM alma.loans l WHERE l.user_id = u.user_id
                  UNION ALL SELECT return_date FROM alma.loans l WHERE l.user_id = u.user_id
                  UNION ALL SELECT created_at FROM alma.borrowing_requests r WHERE r.user_id = u.user_id) times)) AS stale_last_activity,
             (SELECT count(*) FROM alma.loans WHERE return_date < loan_date OR due_date < loan_date
                OR greatest(loan_date, return_date) >= timestamptz '${AS_OF} 00:00+00') AS bad_loans,
             (SELECT count(*) FROM alma.fines_fees WHERE closed_at < created_at OR created_at >= timestamptz '${AS_OF} 00:00+00') AS bad_fees,
             (SELECT count(*) FROM alma.borrowing_requests WHERE completed_at < created_at) AS bad_requests,
             (SELECT count(*) FROM alma.loans WHERE loan_status = 'Returned' AND return_date < date '${AS_OF}' - 30) AS old_returned,
             (SELECT count(*) FROM alma.loans WHERE loan_status = 'Returned' AND return_date >= date '${AS_OF}' - 30) AS recent_returned,
             (SELECT count(*) FROM alma.loans WHERE loan_status = 'Active') AS open_loans,
             (SELECT count(*) FROM alma.fines_fees f JOIN alma.loans l ON l.id = f.loan_id AND l.due_date >= coalesce(l.return_date, f.created_at)
                WHERE f.fee_type = 'Overdue fine') AS fines_not_overdue,
             (SELECT count(*) FROM alma.fines_fees) AS fees,
             (SELECT count(DISTINCT user_id) FROM alma.borrowing_requests) AS requesters`);
    const n = (key: string) => Number(checks[key]);
    for (const broken of ['snapshot_mismatches', 'stale_last_activity', 'bad_loans', 'bad_fees', 'bad_requests', 'fines_not_overdue']) {
      expect(n(broken), broken).toBe(0);
    }
    for (const present of ['old_returned', 'recent_returned', 'open_loans', 'fees', 'requesters']) expect(n(present), present).toBeGreaterThan(0);
    expect(n('requesters')).toBeLessThan(USERS / 4);
  });
});
