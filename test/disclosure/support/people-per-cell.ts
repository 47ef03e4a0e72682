import pg from 'pg';
import { privacyConfig } from '../../../src/privacy/privacy-config';

/** One grouping column: a member of the view, and its granularity when it is a time field. */
export interface Grouping {
  readonly member: string;
  readonly granularity?: string;
}

const TABLES: Record<string, string> = {
  users: 'alma.users', fulfillment: 'alma.loans', fines_and_fees: 'alma.fines_fees', resource_sharing: 'alma.borrowing_requests',
};

/** The non-identifying snapshot fields every activity row keeps (what anonymized rows still say about the person). */
export function snapshotMembers(): string[] {
  return privacyConfig().activitySnapshot.filter((field) => field.privacyClass !== 'identifying').map((field) => field.member);
}

/** A cell's coordinates as one string, the same for database rows and Cube rows. */
export function cellKey(values: readonly unknown[]): string {
  return JSON.stringify(values.map((value) => {
    if (value === null || value === undefined) return null;
    const text = String(value);
    const time = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?Z?$/.exec(text);
    return time ? `${time[1]}T${time[2]}` : text;
  }));
}

/**
 * The people of every cell of `view` grouped by `groupings`, straight from the
 * database and computed here, apart from the model: for users one per user; for
 * activity the distinct users named by its rows plus the distinct snapshot
 * profiles of its anonymized rows that no named row of the cell shares.
 * `campuses` limits the rows as a dashboard token does.
 */
export async function peoplePerCell(databaseUrl: string, view: string, groupings: readonly Grouping[], campuses?: readonly string[]): Promise<Map<string, number>> {
  const table = TABLES[view];
  if (!table) throw new Error(`no table for ${view}`);
  const columns = groupings.map(({ member, granularity }) => (granularity
    ? `to_char(date_trunc('${granularity}', ${member}), 'YYYY-MM-DD HH24:MI:SS')`
    : `${member}::text`));
  const profile = `concat_ws(chr(31), ${snapshotMembers().join(', ')})`;
  const people = view === 'users'
    ? 'count(*)::int AS people'
    : `array_agg(DISTINCT user_id) FILTER (WHERE user_id IS NOT NULL) AS named,
       array_agg(DISTINCT ${profile}) FILTER (WHERE user_id IS NOT NULL) AS named_profiles,
       array_agg(DISTINCT ${profile}) FILTER (WHERE user_id IS NULL) AS anonymous_profiles`;
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    await client.query("SET TIME ZONE 'UTC'");
    const { rows } = await client.query({
      text: `SELECT ${[...columns.map((column, index) => `${column} AS c${index}`), people].join(', ')} FROM ${table}
             ${campuses ? 'WHERE campus_code = ANY($1)' : ''} GROUP BY ${columns.map((_, index) => index + 1).join(', ') || '()'}`,
      values: campuses ? [campuses] : [],
      rowMode: 'array',
    });
    const cells = new Map<string, number>();
    for (const row of rows as unknown[][]) {
      const coordinates = row.slice(0, groupings.length);
      let count: number;
      if (view === 'users') count = row[groupings.length] as number;
      else {
        const [named, namedProfiles, anonymousProfiles] = row.slice(groupings.length) as (string[] | null)[];
        const shared = new Set(namedProfiles ?? []);
        count = (named ?? []).length + (anonymousProfiles ?? []).filter((one) => !shared.has(one)).length;
      }
      cells.set(cellKey(coordinates), count);
    }
    return cells;
  } finally {
    await client.end();
  }
}
