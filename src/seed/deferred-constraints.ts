import type pg from 'pg';

interface Deferred {
  readonly drop: string;
  readonly create: string;
}

/**
 * Drops the secondary indexes and foreign keys of `tables` and returns how to
 * make them again. Building an index once after a bulk load is several times
 * faster than maintaining it row by row, and a foreign key checked by one join
 * beats a trigger per row. Primary keys and unique constraints stay, so
 * duplicates still fail the load. Runs inside the seeding transaction, so the
 * tables are never seen without them.
 */
export async function dropSecondaryIndexesAndForeignKeys(client: pg.ClientBase, tables: readonly string[]): Promise<Deferred[]> {
  const foreignKeys = await client.query<{ tbl: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[]) ORDER BY conrelid::regclass::text, conname`,
    [tables],
  );
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
    [tables],
  );
  const deferred: Deferred[] = [
    ...foreignKeys.rows.map((row) => ({
      drop: `ALTER TABLE ${row.tbl} DROP CONSTRAINT ${quoteIdentifier(row.name)}`,
      create: `ALTER TABLE ${row.tbl} ADD CONSTRAINT ${quoteIdentifier(row.name)} ${row.definition}`,
    })),
    ...indexes.rows.map((row) => ({ drop: `DROP INDEX ${row.name}`, create: row.definition })),
  ];
  for (const item of deferred) await client.query(item.drop);
  // Indexes first on the way back, so the foreign key checks can use them.
  return deferred.reverse();
}

export async function recreate(client: pg.ClientBase, deferred: readonly Deferred[]): Promise<void> {
  for (const item of deferred) await client.query(item.create);
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
