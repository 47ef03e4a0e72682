import pg from 'pg';
import type { SharedCubeServer } from '../../support/cube-server';
import { sqlApiClient } from '../../sql-api/support/sql-api-clients';
import { restClient } from '../../model/rest-client';
import { cellKey, type Grouping } from './people-per-cell';

/** A grouped question asked the same way over REST and SQL. */
export interface GroupedQuestion {
  readonly view: string;
  readonly groupings: readonly Grouping[];
  readonly measures: readonly string[];
}

export interface Answer {
  /** Each row: its cell key and its measures' values (null when suppressed). */
  readonly rows: { key: string; values: (string | null)[] }[];
  readonly disclosure?: { minCellSize: number; suppressedCells: [number, string][]; hiddenRows: number; perturbation: string | null };
}

/** The question over REST /load, for a token of `group`. */
export async function askRest(question: GroupedQuestion, group: string, campus?: string[], extra: Record<string, unknown> = {}): Promise<Answer> {
  const { view, groupings, measures } = question;
  const query = {
    measures: measures.map((measure) => `${view}.${measure}`),
    dimensions: groupings.filter((g) => !g.granularity).map((g) => `${view}.${g.member}`),
    timeDimensions: groupings.filter((g) => g.granularity).map((g) => ({ dimension: `${view}.${g.member}`, granularity: g.granularity })),
    limit: 50_000,
    ...extra,
  };
  const { status, body } = await restClient(group, campus).load(query);
  if (status !== 200) throw new Error(`REST ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  const column = (g: Grouping) => `${view}.${g.member}${g.granularity ? `.${g.granularity}` : ''}`;
  return {
    rows: (body.data as Record<string, unknown>[]).map((row) => ({
      key: cellKey(groupings.map((g) => row[column(g)])),
      values: measures.map((measure) => (row[`${view}.${measure}`] ?? null) as string | null),
    })),
    disclosure: body.annotation?.disclosure,
  };
}

/** The question as SQL text: date_trunc for time fields, MEASURE() for measures. */
export function questionSql(question: GroupedQuestion): string {
  const { view, groupings, measures } = question;
  const columns = groupings.map((g) => (g.granularity ? `date_trunc('${g.granularity}', ${g.member})` : g.member));
  const groupBy = groupings.map((_, index) => index + 1).join(', ');
  return `SELECT ${[...columns, ...measures.map((m) => `MEASURE(${m})`)].join(', ')} FROM ${view}${groupBy ? ` GROUP BY ${groupBy}` : ''}`;
}

/** The question over the SQL API (values as text). */
export async function askSql(server: SharedCubeServer, token: string, sql: string, groupingCount: number): Promise<Answer> {
  const client: pg.Client = await sqlApiClient(server, token);
  try {
    const result = await client.query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (value: string) => value } });
    return {
      rows: (result.rows as (string | null)[][]).map((row) => ({ key: cellKey(row.slice(0, groupingCount)), values: row.slice(groupingCount) })),
    };
  } finally {
    await client.end();
  }
}
