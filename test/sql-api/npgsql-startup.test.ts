import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { sqlApiClient } from './support/sql-api-clients';
import { rawDataRows } from './support/raw-data-rows';

// Npgsql (Power BI) cannot run here (no .NET). What it sends, read from its source
// (PostgresDatabaseInfo.LoadBackendTypes): right after startup, ONE simple query holding
// `SELECT version();`, a type-loading query over pg_type/pg_class/pg_proc/pg_range/pg_namespace,
// a composite-fields query over pg_attribute and an enum-labels query over pg_enum; it
// reads four result sets in that order. Then it runs commands with the extended protocol
// and asks for every result column in binary. These queries are written to the same shape.
const server = sharedCubeServer();

const TYPES = `
SELECT ns.nspname, t.oid, t.typname, t.typtype, t.typnotnull, t.elemtypoid
FROM (
  SELECT typ.oid, typ.typnamespace, typ.typname, typ.typtype, typ.typnotnull, elem.oid AS elemtypoid, elem.typname AS elemtypname,
    CASE WHEN elemproc.proname = 'array_recv' THEN 'a' ELSE elem.typtype END AS elemtyptype
  FROM (
    SELECT t.oid, t.typnamespace, t.typname, t.typnotnull, c.relkind,
      CASE WHEN p.proname = 'array_recv' THEN 'a' ELSE t.typtype END AS typtype,
      CASE WHEN p.proname = 'array_recv' THEN t.typelem WHEN t.typtype = 'r' THEN r.rngsubtype
           WHEN t.typtype = 'm' THEN (SELECT rngtypid FROM pg_range WHERE rngmultitypid = t.oid)
           WHEN t.typtype = 'd' THEN t.typbasetype END AS elemoid
    FROM pg_type t LEFT JOIN pg_class c ON c.oid = t.typrelid LEFT JOIN pg_proc p ON p.oid = t.typreceive
    LEFT JOIN pg_range r ON r.rngtypid = t.oid
  ) AS typ
  LEFT JOIN pg_type elem ON elem.oid = typ.elemoid
  LEFT JOIN pg_proc elemproc ON elemproc.oid = elem.typreceive
) AS t
JOIN pg_namespace ns ON ns.oid = t.typnamespace
WHERE t.typtype IN ('b', 'r', 'm', 'e', 'd') OR (t.typtype = 'p' AND t.typname IN ('record', 'void'))
   OR (t.typtype = 'a' AND t.elemtyptype IN ('b', 'r', 'm', 'e', 'd'))
ORDER BY CASE WHEN t.typtype IN ('b', 'e', 'p') THEN 0 WHEN t.typtype = 'r' THEN 1 WHEN t.typtype = 'm' THEN 2
              WHEN t.typtype = 'c' THEN 3 WHEN t.typtype = 'd' AND t.elemtyptype <> 'a' THEN 4 WHEN t.typtype = 'a' THEN 5 ELSE 6 END`;

const COMPOSITES = `SELECT typ.oid, att.attname, att.atttypid FROM pg_type typ JOIN pg_namespace ns ON ns.oid = typ.typnamespace
  JOIN pg_class cls ON cls.oid = typ.typrelid JOIN pg_attribute att ON att.attrelid = typ.typrelid
  WHERE typ.typtype = 'c' AND cls.relkind = 'c' AND att.attnum > 0 AND NOT att.attisdropped ORDER BY typ.oid, att.attnum`;

const ENUMS = 'SELECT pg_type.oid, enumlabel FROM pg_enum JOIN pg_type ON pg_type.oid = enumtypid ORDER BY oid, enumsortorder';

// Power BI's navigator: tables, then columns of a table, from information_schema.
const TABLES = `SELECT table_schema, table_name, table_type FROM information_schema.tables
  WHERE table_schema NOT IN ('information_schema', 'pg_catalog') ORDER BY table_schema, table_name`;
const COLUMNS = `SELECT column_name, ordinal_position, is_nullable, data_type, numeric_precision FROM information_schema.columns
  WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`;

describe('what Npgsql (Power BI) sends', () => {
  it('answers the startup batch with four result sets, the types it needs included', async () => {
    const client = await sqlApiClient(server, tokenFor(server, 'analyst'), 'powerbi');
    const results = (await client.query(`SELECT version();\n${TYPES};\n${COMPOSITES};\n${ENUMS};`)) as unknown as pg.QueryResult[];
    await client.end();
    expect(results).toHaveLength(4);
    expect(results[0]!.rows[0].version).toMatch(/^PostgreSQL /);
    const types = new Map(results[1]!.rows.map((r) => [r.typname, r]));
    for (const name of ['bool', 'int8', 'text', 'numeric', 'timestamp', 'timestamptz', 'date', '_text']) expect(types.has(name), name).toBe(true);
    expect(types.get('_int8')?.typtype).toBe('a');
  });

  it('answers the navigator in binary, and never lists a hidden column', async () => {
    const client = await sqlApiClient(server, tokenFor(server, 'analyst'), 'powerbi');
    const tables = await client.query({ text: TABLES, rowMode: 'array' });
    const columnsText = await client.query({ text: COLUMNS, values: ['public', 'users'], rowMode: 'array' });
    const raw = await rawDataRows(client, () => client.query({ text: COLUMNS, values: ['public', 'users'], rowMode: 'array', binary: true } as pg.QueryConfig).catch(() => undefined));
    await client.end();
    expect(tables.rows.map((r) => r[1])).toEqual(expect.arrayContaining(['users', 'fulfillment']));
    const names = columnsText.rows.map((r) => r[0]);
    expect(names).toContain('user_group');
    expect(names).not.toContain('primary_identifier');
    expect(raw.map((r) => r[0]!.toString('utf8'))).toEqual(names);
    // ordinal_position (cardinal_number, an int4 domain) as 4-byte binary integers 1, 2, 3...
    expect(raw.map((r) => r[1]!.readInt32BE(0))).toEqual(columnsText.rows.map((r) => Number(r[1])));
  });
});
