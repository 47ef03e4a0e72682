import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryValue } from '../../src/sql-api/result/binary-value';

// Our binary encodings must be byte for byte what PostgreSQL's own *_send functions write.
let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
});
afterAll(() => db.close());

const CASES: Record<string, { oid: number; send: string; values: string[] }> = {
  numeric: {
    oid: 1700, send: 'numeric_send',
    values: ['0', '1', '-1', '12345.678', '0.0001', '100000000', '-0.5', '1.50', '00012.3400', '0.00', '99999999.99', '-123456789012345678901234.5678901', 'NaN', '1e3', '2.5E-3'],
  },
  timestamp: { oid: 1114, send: 'timestamp_send', values: ['2024-03-05 10:11:12.345678', '1970-01-01 00:00:00', '1999-12-31 23:59:59.9', '2000-01-01', 'infinity', '-infinity'] },
  timestamptz: { oid: 1184, send: 'timestamptz_send', values: ['2024-03-05 10:11:12+02', '2024-03-05 10:11:12.5-03:30', '2024-03-05 10:11:12+00'] },
  date: { oid: 1082, send: 'date_send', values: ['2024-03-05', '1960-02-29', '2000-01-01', '1999-12-31'] },
  int8: { oid: 20, send: 'int8send', values: ['0', '-9223372036854775808', '9223372036854775807', '42'] },
  bool: { oid: 16, send: 'boolsend', values: ['t', 'f'] },
};

describe('binary result values', () => {
  for (const [type, { oid, send, values }] of Object.entries(CASES)) {
    it(`encodes ${type} as PostgreSQL's ${send} does`, async () => {
      for (const value of values) {
        const { rows } = await db.query<{ b: Uint8Array }>(`SELECT ${send}($1::${type}) AS b`, [value]);
        expect(binaryValue(value, oid).toString('hex'), `${type} ${value}`).toBe(Buffer.from(rows[0]!.b).toString('hex'));
      }
    });
  }

  it('refuses a type it cannot encode with 0A000', () => {
    expect(() => binaryValue('{1,2}', 1007)).toThrow(expect.objectContaining({ code: '0A000' }));
  });
});
