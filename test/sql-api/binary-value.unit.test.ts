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

  // Types the planner's expressions can return, encoded from PostgreSQL's own text output of each value.
  const OUTPUT_CASES: Record<string, { oid: number; send: string; values: string[] }> = {
    int2: { oid: 21, send: 'int2send', values: ['0', '-32768', '32767'] },
    int4: { oid: 23, send: 'int4send', values: ['0', '-2147483648', '2147483647', '6'] },
    float4: { oid: 700, send: 'float4send', values: ['0', '1.5', '-3.25', '1e-5'] },
    float8: { oid: 701, send: 'float8send', values: ['0', '0.1', '-2.5e300', '3.141592653589793', '6'] },
    text: { oid: 25, send: 'textsend', values: ['', 'é😀', 'a\tb'] },
    interval: { oid: 1186, send: 'interval_send', values: ['0', '1 day', '-1 day', '90 days', '1 year 2 months 3 days 04:05:06.789', '-00:00:01', '1 day -02:00:00', '3 mons', '-1 years -2 mons +3 days -04:05:06.5'] },
  };
  for (const [type, { oid, send, values }] of Object.entries(OUTPUT_CASES)) {
    it(`encodes ${type} from its text output as PostgreSQL's ${send} does`, async () => {
      for (const value of values) {
        const { rows } = await db.query<{ t: string; b: Uint8Array }>(`SELECT ($1::${type})::text AS t, ${send}($1::${type}) AS b`, [value]);
        expect(binaryValue(rows[0]!.t, oid).toString('hex'), `${type} ${value}`).toBe(Buffer.from(rows[0]!.b).toString('hex'));
      }
    });
  }

  it('refuses a type it cannot encode with 0A000', () => {
    expect(() => binaryValue('{1,2}', 1007)).toThrow(expect.objectContaining({ code: '0A000' }));
  });
});
