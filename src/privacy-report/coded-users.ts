import type pg from 'pg';
import type { QuasiIdentifier } from './quasi-identifiers';

/** Every user's quasi-identifiers as integer codes, `codes[identifier][level][row]`: 0, 1, 2... in order of first appearance. */
export interface CodedUsers {
  readonly rows: number;
  readonly codes: readonly (readonly Int32Array[])[];
}

const PAGE = 20_000;

/** One level's codes, in an array that grows when users arrive after it was sized. */
class CodeColumn {
  private readonly dictionary = new Map<string | null, number>();
  private codes: Int32Array;
  length = 0;

  constructor(expectedRows: number) {
    this.codes = new Int32Array(Math.max(expectedRows, 1));
  }

  push(value: string | null): void {
    let code = this.dictionary.get(value);
    if (code === undefined) this.dictionary.set(value, (code = this.dictionary.size));
    if (this.length === this.codes.length) {
      const grown = new Int32Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[this.length++] = code;
  }

  done(): Int32Array {
    return this.codes.subarray(0, this.length);
  }
}

/**
 * Reads alma.users page by page (by user_id) and codes each level of each
 * quasi-identifier: equal values, equal codes. Values themselves are never
 * kept, printed nor returned; only how many users share them.
 */
export async function readCodedUsers(client: pg.ClientBase, identifiers: readonly QuasiIdentifier[]): Promise<CodedUsers> {
  const expected = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM alma.users')).rows[0]!.n);
  const columns = identifiers.map((identifier) => identifier.levels.map(() => new CodeColumn(expected)));
  const flat = columns.flat();
  const select = identifiers.flatMap((identifier) => identifier.levels.map((level) => `(${level.sql})::text`));
  let after: string | null = null;
  let rows = 0;
  for (;;) {
    // Rows as arrays: with dozens of columns, an object per row costs more than the query.
    const page: pg.QueryResult<(string | null)[]> = await client.query({
      text: `SELECT ${['user_id', ...select].join(', ')} FROM alma.users WHERE $1::text IS NULL OR user_id > $1 ORDER BY user_id LIMIT ${PAGE}`,
      values: [after],
      rowMode: 'array',
    });
    for (const row of page.rows) {
      for (let index = 0; index < flat.length; index++) flat[index]!.push(row[index + 1] ?? null);
    }
    rows += page.rows.length;
    if (page.rows.length < PAGE) break;
    after = page.rows[page.rows.length - 1]![0]!;
  }
  return { rows, codes: columns.map((levels) => levels.map((column) => column.done())) };
}
