import pg from 'pg';

/**
 * The shape of the project's schemas as PostgreSQL reports it: every column
 * (position, type, nullability, default), constraint and index, one sorted line
 * each. Two databases with equal shapes were built to the same schema, however
 * they got there.
 */
export async function schemaShape(connectionString: string, schemas: readonly string[] = ['alma']): Promise<string[]> {
  const client = new pg.Client(connectionString);
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_schema || '.' || table_name || ' column ' || ordinal_position || ' ' || column_name || ' '
          || data_type || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '')
          || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
          || coalesce(' default ' || column_default, '') AS line
         FROM information_schema.columns WHERE table_schema = ANY($1)`, [schemas]);
    const constraints = await client.query(
      `SELECT n.nspname || '.' || t.relname || ' constraint ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS line
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = ANY($1)`, [schemas]);
    const indexes = await client.query(
      `SELECT schemaname || '.' || tablename || ' index ' || indexdef AS line FROM pg_indexes WHERE schemaname = ANY($1)`, [schemas]);
    const present = await client.query('SELECT nspname AS line FROM pg_namespace WHERE nspname = ANY($1)', [schemas]);
    return [...present.rows, ...columns.rows, ...constraints.rows, ...indexes.rows]
      .map((row: { line: string }) => row.line)
      .sort();
  } finally {
    await client.end();
  }
}
