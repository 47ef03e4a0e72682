import type pg from 'pg';

interface Statement {
  readonly drop: string;
  readonly create: string;
}

/** What a bulk load took off its tables, and how to put it back. */
export interface DeferredConstraints {
  /** The primary key and unique constraints of `table` (`schema.table`), restored right after it is loaded; each is handed out once. */
  takeKeysOf(table: string): readonly Statement[];
  /** The keys not taken yet, then the secondary indexes, then the foreign keys: restored once every table is loaded. */
  takeRest(): readonly Statement[];
}

/**
 * Drops the foreign keys, keys and indexes of `tables` and returns how to make
 * them again. Building an index once after the load is much cheaper than
 * inserting into it row by row (a unique index over random values
 * such as primary_identifier costs the users' COPY more than the rest of the
 * row), and a foreign key checked by one join beats a trigger per row.
 * Duplicates still fail the seed: re-adding a key raises on them. Runs inside
 * the seeding transaction, so no one ever sees the tables without them.
 */
export async function dropConstraintsForBulkLoad(client: pg.ClientBase, tables: readonly string[]): Promise<DeferredConstraints> {
  // tbl is how this session names the table (it may leave out the schema); qualified always has it.
  const constraints = await client.query<{ tbl: string; qualified: string; name: string; kind: 'f' | 'p' | 'u'; definition: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, n.nspname || '.' || t.relname AS qualified, c.conname AS name,
            c.contype AS kind, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype IN ('f', 'p', 'u') AND c.conrelid = ANY($1::regclass[])
      ORDER BY 2, 3`,
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
  const constraint = (row: (typeof constraints.rows)[number]): Statement => ({
    drop: `ALTER TABLE ${row.tbl} DROP CONSTRAINT ${quoteIdentifier(row.name)}`,
    create: `ALTER TABLE ${row.tbl} ADD CONSTRAINT ${quoteIdentifier(row.name)} ${row.definition}`,
  });
  const foreignKeys = constraints.rows.filter((row) => row.kind === 'f').map(constraint);
  const keysOf = new Map<string, Statement[]>();
  for (const row of constraints.rows.filter((candidate) => candidate.kind !== 'f')) {
    keysOf.set(row.qualified, [...(keysOf.get(row.qualified) ?? []), constraint(row)]);
  }
  const secondary = indexes.rows.map((row) => ({ drop: `DROP INDEX ${row.name}`, create: row.definition }));
  // Foreign keys first: they depend on the keys they reference.
  for (const statement of [...foreignKeys, ...[...keysOf.values()].flat(), ...secondary]) await client.query(statement.drop);
  return {
    takeKeysOf(table) {
      const keys = keysOf.get(table) ?? [];
      keysOf.delete(table);
      return keys;
    },
    // A key nobody took is still restored: a seed never commits a table without its keys.
    takeRest: () => [...[...keysOf.values()].flat(), ...secondary, ...foreignKeys],
  };
}

/** Re-creates `statements` in order. */
export async function recreate(client: pg.ClientBase, statements: readonly Statement[]): Promise<void> {
  for (const statement of statements) await client.query(statement.create);
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
