import type pg from 'pg';
import type { QuasiIdentifier } from './quasi-identifiers';

/** Every user's quasi-identifiers as integer codes, `codes[identifier][level][row]`: 0, 1, 2... in order of first appearance. */
export interface CodedUsers {
  readonly rows: number;
  readonly codes: readonly (readonly Int32Array[])[];
}

const PAGE = 20_000;

/**
 * Reads alma.users page by page (by user_id) and codes each level of each
 * quasi-identifier: equal values, equal codes. Values themselves are never
 * kept, printed nor returned; only how many users share them.
 */
export async function readCodedUsers(client: pg.ClientBase, identifiers: readonly QuasiIdentifier[]): Promise<CodedUsers> {
  const levels = identifiers.flatMap((identifier, i) => identifier.levels.map((level, j) => ({ i, j, sql: level.sql })));
  const dictionaries = levels.map(() => new Map<string | null, number>());
  const columns: number[][] = levels.map(() => []);
  const select = levels.map((level) => `(${level.sql})::text`).join(', ');
  let after: string | null = null;
  for (;;) {
    // Rows as arrays: with dozens of columns, an object per row costs more than the query.
    const page: pg.QueryResult<(string | null)[]> = await client.query({
      text: `SELECT user_id, ${select} FROM alma.users WHERE $1::text IS NULL OR user_id > $1 ORDER BY user_id LIMIT ${PAGE}`,
      values: [after],
      rowMode: 'array',
    });
    for (const row of page.rows) {
      for (let index = 0; index < levels.length; index++) {
        const value = row[index + 1] ?? null;
        const dictionary = dictionaries[index]!;
        let code = dictionary.get(value);
        if (code === undefined) dictionary.set(value, (code = dictionary.size));
        columns[index]!.push(code);
      }
    }
    if (page.rows.length < PAGE) break;
    after = page.rows[page.rows.length - 1]![0]!;
  }
  const rows = columns[0]?.length ?? (await client.query<{ n: string }>('SELECT count(*) AS n FROM alma.users')).rows[0]!.n;
  const codes = identifiers.map((identifier, i) =>
    identifier.levels.map((_, j) => Int32Array.from(columns[levels.findIndex((level) => level.i === i && level.j === j)]!)));
  return { rows: Number(rows), codes };
}
