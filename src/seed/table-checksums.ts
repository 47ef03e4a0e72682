import pg from 'pg';

/** The tables a seed fills. */
export const SEEDED_TABLES: readonly string[] = [
  'alma.users', 'alma.loans', 'alma.fines_fees', 'alma.borrowing_requests', 'alma.user_groups', 'alma.statistical_category_values',
];

/**
 * An md5 per table of all its rows, so two databases can be compared byte for
 * byte. `ignoreColumns` leaves out columns that record when or how something
 * ran rather than what the data is (anonymized_at, the random ids
 * anonymization gives rows). Rows are taken in the order of what is left of
 * them, so the same rows under other ids sum the same.
 */
export async function tableChecksums(connectionString: string, ignoreColumns: readonly string[] = []): Promise<Record<string, string>> {
  const client = new pg.Client(connectionString);
  await client.connect();
  try {
    const sums: Record<string, string> = {};
    for (const table of SEEDED_TABLES) {
      const result = await client.query<{ sum: string | null }>(
        `SELECT md5(string_agg(line, E'\\n' ORDER BY line)) AS sum FROM (SELECT (to_jsonb(t) - $1::text[])::text AS line FROM ${table} AS t) AS lines`,
        [ignoreColumns],
      );
      sums[table] = result.rows[0]?.sum ?? 'empty';
    }
    return sums;
  } finally {
    await client.end();
  }
}
