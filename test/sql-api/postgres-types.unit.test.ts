import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeParameter } from '../../src/sql-api/decode-parameter';
import { POSTGRES_TYPES } from '../../src/sql-api/postgres-types/type-table';

// The type table must say what PostgreSQL's own catalog says, and read binary parameters as its send functions write them.
let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
});
afterAll(() => db.close());

describe('the PostgreSQL type table', () => {
  it("gives each type PostgreSQL's OID, typlen and format_type name, and a CAST spelling that names it", async () => {
    for (const [key, type] of Object.entries(POSTGRES_TYPES)) {
      const { rows } = await db.query<{ oid: number; size: number; name: string }>(
        'SELECT oid::int AS oid, typlen::int AS size, format_type(oid, -1) AS name FROM pg_type WHERE oid = $1::regtype',
        [type.cast],
      );
      expect(rows[0], key).toEqual({ oid: type.oid, size: type.size, name: type.name });
    }
  });

  const PARAMETERS: Record<string, string[]> = {
    bool: ['t', 'f'],
    int2: ['0', '-32768', '32767'],
    int4: ['0', '-2147483648', '2147483647'],
    int8: ['0', '-9223372036854775808', '9223372036854775807'],
    oid: ['0', '4294967295'],
    float4: ['0', '1.5', '-3.25'],
    float8: ['0', '0.1', '-2.5e300'],
    text: ['', 'é😀', 'a\tb'],
    varchar: ['abc'],
    bpchar: ['x'],
    name: ['pg_class'],
  };
  for (const [key, values] of Object.entries(PARAMETERS)) {
    it(`reads a binary ${key} parameter as the value PostgreSQL sent`, async () => {
      const type = POSTGRES_TYPES[key as keyof typeof POSTGRES_TYPES];
      for (const value of values) {
        const send = await db.query<{ f: string }>('SELECT typsend::text AS f FROM pg_type WHERE oid = $1', [type.oid]);
        const sent = await db.query<{ b: Uint8Array }>(`SELECT ${send.rows[0]!.f}($1::${key}) AS b`, [value]);
        const text = decodeParameter(Buffer.from(sent.rows[0]!.b), 1, type.oid);
        const same = await db.query<{ same: boolean }>(`SELECT $1::${key} = $2::${key} AS same`, [text, value]);
        expect(same.rows[0]!.same, `${key} ${value} read as ${text}`).toBe(true);
      }
    });
  }

  it('refuses a binary parameter of a type it cannot read with 0A000, and reads an unspecified type as text', () => {
    expect(() => decodeParameter(Buffer.from([0]), 1, POSTGRES_TYPES.numeric.oid)).toThrow(expect.objectContaining({ code: '0A000' }));
    expect(decodeParameter(Buffer.from('42'), 1, 0)).toBe('42');
  });
});
