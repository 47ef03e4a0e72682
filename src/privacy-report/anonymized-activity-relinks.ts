import type pg from 'pg';
import { COMPLETED_ACTIVITY } from '../anonymize/completed-activity';
import { ACTIVITY_TYPES, privacyConfig, type ActivityType } from '../privacy/privacy-config';

/** For one activity table: its anonymized rows, and how many of them an attacker with the users table could tie to a user. */
export interface ActivityRelinks {
  readonly type: ActivityType;
  readonly anonymized: number;
  /** Rows whose general snapshot only one user has: protected at query time by the minimum cell size, not in the table. */
  readonly uniqueSnapshot: number;
  /** Rows with a moment equal to the last_activity_date of a user with the same snapshot. */
  readonly momentEqualsLastActivity: number;
  /** Rows whose nearest rows by id that still name a user, one on each side, name the same user: the gap a row left in a block. */
  readonly betweenOneUsersRows: number;
  /** Rows whose id is next to (one off) an anonymized row with the same snapshot: a run of one person's rows. */
  readonly nextToTheSameSnapshot: number;
}

export interface AnonymizedActivityReport {
  /** Users whose general snapshot fields no other user shares. */
  readonly usersWithUniqueSnapshot: number;
  readonly tables: readonly ActivityRelinks[];
}

/** The general snapshot of a row of `alias` as one text, comparable between users and activity. */
function profileOf(alias: string): string {
  const general = privacyConfig().activitySnapshot.filter((field) => field.privacyClass === 'general');
  return `md5(row(${general.map((field) => `${alias}.${field.member}`).join(', ')})::text)`;
}

async function countOf(client: pg.ClientBase, sql: string): Promise<number> {
  return Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
}

/**
 * Tries the ways back from an anonymized row to its user that the data
 * itself offers: a snapshot only one user has, a moment that is also a
 * user's last activity, an id inside the block of a user's other rows or next
 * to one of the same person's anonymized rows.
 */
export async function measureAnonymizedActivity(client: pg.ClientBase): Promise<AnonymizedActivityReport> {
  const profiles = `SELECT ${profileOf('u')} AS profile, count(*) AS users FROM alma.users u GROUP BY 1`;
  const usersWithUniqueSnapshot = await countOf(client, `SELECT count(*) AS n FROM (${profiles}) p WHERE p.users = 1`);
  const tables: ActivityRelinks[] = [];
  for (const type of ACTIVITY_TYPES) {
    const { table, timestamps } = COMPLETED_ACTIVITY[type];
    const anonymized = `FROM ${table} a WHERE a.anonymized_at IS NOT NULL`;
    tables.push({
      type,
      anonymized: await countOf(client, `SELECT count(*) AS n ${anonymized}`),
      uniqueSnapshot: await countOf(client, `WITH profiles AS (${profiles})
        SELECT count(*) AS n ${anonymized} AND ${profileOf('a')} IN (SELECT profile FROM profiles WHERE users = 1)`),
      // Joins on the moment itself, not on the profile alone: a common profile is shared by thousands of users.
      momentEqualsLastActivity: await countOf(client, `WITH moments AS (
          SELECT a.id, ${profileOf('a')} AS profile, moment
            FROM ${table} a CROSS JOIN LATERAL unnest(ARRAY[${timestamps.map((column) => `a.${column}`).join(', ')}]) AS moment
           WHERE a.anonymized_at IS NOT NULL),
        last_activities AS (SELECT DISTINCT ${profileOf('u')} AS profile, u.last_activity_date FROM alma.users u)
        SELECT count(DISTINCT moments.id) AS n FROM moments JOIN last_activities l
            ON l.profile = moments.profile AND l.last_activity_date = moments.moment`),
      // The live rows before and after each row by id, found by numbering the live rows in id order (one sort).
      betweenOneUsersRows: await countOf(client, `WITH ordered AS (
          SELECT anonymized_at, user_id, count(user_id) OVER (ORDER BY id) AS live_so_far FROM ${table}),
        live AS (SELECT live_so_far AS n, user_id FROM ordered WHERE user_id IS NOT NULL)
        SELECT count(*) AS n FROM ordered a JOIN live lower ON lower.n = a.live_so_far JOIN live upper ON upper.n = a.live_so_far + 1
         WHERE a.anonymized_at IS NOT NULL AND lower.user_id = upper.user_id`),
      nextToTheSameSnapshot: await countOf(client, `SELECT count(*) AS n ${anonymized} AND EXISTS (
        SELECT 1 FROM ${table} b WHERE b.anonymized_at IS NOT NULL AND b.id IN (a.id - 1, a.id + 1) AND ${profileOf('b')} = ${profileOf('a')})`),
    });
  }
  return { usersWithUniqueSnapshot, tables };
}
