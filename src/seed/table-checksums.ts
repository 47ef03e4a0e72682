import pg from 'pg';

/** The tables a seed fills, with the column that orders their rows. */
export const SEEDED_TABLES: Readonly<Record<string, string>> = {
  'alma.users': 'user_id',
  'alma.loans': 'id',
  'alma.fines_fees': 'id',
  'alma.borrowing_requests': 'id',
  'alma.user_groups': 'code',
  'alma.statistical_category_values': 'category, code',
};

/**
 * An md5 per table of all its rows in key order, so two databases can be
 * compared byte for byte. `ignoreColumns` leaves out columns that record
 * when something ran (such as anonymized_at) rather than what the data is.
 */
export async function tableChecksums(connectionString: string, ignoreColumns: readonly string[] = []): Promise<Record<string, string>> {
  const client = new pg.Client(connectionString);
  await client.connect();
  try {
    const sums: Record<string, string> = {};
    for (const [table, key] of Object.entries(SEEDED_TABLES)) {
      const result = await client.query<{ sum: string | null }>(
        `SELECT md5(string_agg((to_jsonb(t) - $1::text[])::text, E'\\n' ORDER BY ${key})) AS sum FROM ${table} AS t`,
        [ignoreColumns],
      );
      sums[table] = result.rows[0]?.sum ?? 'empty';
    }
    return sums;
  } finally {
    await client.end();
  }
}
