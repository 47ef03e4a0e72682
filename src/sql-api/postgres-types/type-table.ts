import { binaryDate, binaryInterval, binaryNumeric, binaryTimestamp, fixed } from './binary-forms';

/** What the SQL API knows of one PostgreSQL type. */
export interface PostgresType {
  oid: number;
  /** pg_type.typlen, as RowDescription reports it: bytes, -1 for variable length, -2 for a C string. */
  size: number;
  /** The name format_type gives it, as a column is declared. */
  name: string;
  /** How a CAST spells it in the SQL the planner writes. */
  cast: string;
  /** PostgreSQL's text output of a value from Cube's answer (given as a string); the string itself when absent. */
  textFromCube?: (text: string) => string;
  /** The binary form of a value (what the type's send function writes), from its text output. Absent: binary output is refused. */
  send?: (text: string) => Buffer;
  /** The text of a binary Bind parameter (what the type's receive function reads). Absent: binary parameters are refused. */
  receive?: (binary: Buffer) => string;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const fromUtf8 = (binary: Buffer) => binary.toString('utf8');
const type = (t: PostgresType) => t;

/**
 * Every PostgreSQL type the SQL API answers with or reads, keyed by type, as porsager/postgres's
 * src/types.js keeps them: the one place that knows a type's OID, size, names and wire forms.
 * The planner's types, the catalog's column declarations, Bind parameters and result rows all
 * look types up here. The reg* and xid entries are only sizes for catalog answers.
 */
export const POSTGRES_TYPES = {
  bool: type({
    oid: 16, size: 1, name: 'boolean', cast: 'boolean',
    textFromCube: (text) => (['true', 't', '1'].includes(text.toLowerCase()) ? 't' : 'f'),
    send: (text) => Buffer.from([text === 't' || text === 'true' ? 1 : 0]),
    receive: (binary) => (binary[0] ? 'true' : 'false'),
  }),
  char: type({ oid: 18, size: 1, name: '"char"', cast: '"char"', send: (text) => utf8(text).subarray(0, 1) }),
  name: type({ oid: 19, size: 64, name: 'name', cast: 'name', send: utf8, receive: fromUtf8 }),
  int8: type({
    oid: 20, size: 8, name: 'bigint', cast: 'bigint',
    send: (text) => fixed(8, (b) => b.writeBigInt64BE(BigInt(text))),
    receive: (binary) => String(binary.readBigInt64BE(0)),
  }),
  int2: type({
    oid: 21, size: 2, name: 'smallint', cast: 'smallint',
    send: (text) => fixed(2, (b) => b.writeInt16BE(Number(text))),
    receive: (binary) => String(binary.readInt16BE(0)),
  }),
  int4: type({
    oid: 23, size: 4, name: 'integer', cast: 'integer',
    send: (text) => fixed(4, (b) => b.writeInt32BE(Number(text))),
    receive: (binary) => String(binary.readInt32BE(0)),
  }),
  regproc: type({ oid: 24, size: 4, name: 'regproc', cast: 'regproc' }),
  text: type({ oid: 25, size: -1, name: 'text', cast: 'text', send: utf8, receive: fromUtf8 }),
  oid: type({
    oid: 26, size: 4, name: 'oid', cast: 'oid',
    send: (text) => fixed(4, (b) => b.writeUInt32BE(Number(text))),
    receive: (binary) => String(binary.readUInt32BE(0)),
  }),
  xid: type({ oid: 28, size: 4, name: 'xid', cast: 'xid' }),
  float4: type({
    oid: 700, size: 4, name: 'real', cast: 'real',
    send: (text) => fixed(4, (b) => b.writeFloatBE(Number(text))),
    receive: (binary) => String(binary.readFloatBE(0)),
  }),
  float8: type({
    oid: 701, size: 8, name: 'double precision', cast: 'double precision',
    send: (text) => fixed(8, (b) => b.writeDoubleBE(Number(text))),
    receive: (binary) => String(binary.readDoubleBE(0)),
  }),
  unknown: type({ oid: 705, size: -2, name: 'unknown', cast: 'unknown', send: utf8 }),
  bpchar: type({ oid: 1042, size: -1, name: 'bpchar', cast: 'bpchar', send: utf8, receive: fromUtf8 }),
  varchar: type({ oid: 1043, size: -1, name: 'character varying', cast: 'varchar', send: utf8, receive: fromUtf8 }),
  date: type({ oid: 1082, size: 4, name: 'date', cast: 'date', textFromCube: (text) => text.slice(0, 10), send: binaryDate }),
  timestamp: type({
    oid: 1114, size: 8, name: 'timestamp without time zone', cast: 'timestamp',
    // Cube's local ISO form (2024-01-01T00:00:00.000) to PostgreSQL's (2024-01-01 00:00:00).
    textFromCube: (text) => text.replace('T', ' ').replace(/Z$/, '').replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1'),
    send: binaryTimestamp,
  }),
  timestamptz: type({ oid: 1184, size: 8, name: 'timestamp with time zone', cast: 'timestamptz', send: binaryTimestamp }),
  interval: type({ oid: 1186, size: 16, name: 'interval', cast: 'interval', send: binaryInterval }),
  numeric: type({ oid: 1700, size: -1, name: 'numeric', cast: 'numeric', send: binaryNumeric }),
  regclass: type({ oid: 2205, size: 4, name: 'regclass', cast: 'regclass' }),
  regtype: type({ oid: 2206, size: 4, name: 'regtype', cast: 'regtype' }),
};

const BY_OID = new Map<number, PostgresType>(Object.values(POSTGRES_TYPES).map((t) => [t.oid, t]));

/** The type with this OID, or undefined for one the SQL API does not know. */
export function postgresTypeOf(oid: number): PostgresType | undefined {
  return BY_OID.get(oid);
}

/** Size to report in RowDescription for a type OID: its pg_type.typlen, -1 (variable) when unknown. */
export function typeSizeOf(oid: number): number {
  return postgresTypeOf(oid)?.size ?? -1;
}
