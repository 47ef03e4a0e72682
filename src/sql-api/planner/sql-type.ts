import { POSTGRES_TYPES } from '../postgres-types/type-table';

/**
 * The PostgreSQL types the planner can answer with, from the one type table (OID,
 * pg_type.typlen for RowDescription, how a CAST spells each).
 */
export const SQL_TYPES = {
  bool: POSTGRES_TYPES.bool,
  int2: POSTGRES_TYPES.int2,
  int4: POSTGRES_TYPES.int4,
  int8: POSTGRES_TYPES.int8,
  float4: POSTGRES_TYPES.float4,
  float8: POSTGRES_TYPES.float8,
  numeric: POSTGRES_TYPES.numeric,
  text: POSTGRES_TYPES.text,
  date: POSTGRES_TYPES.date,
  timestamp: POSTGRES_TYPES.timestamp,
  timestamptz: POSTGRES_TYPES.timestamptz,
  interval: POSTGRES_TYPES.interval,
};

export type SqlType = keyof typeof SQL_TYPES;

/** Type names a cast may name, as the parser spells them (pg_catalog names and SQL keywords). */
const CAST_NAMES: Record<string, SqlType> = {
  bool: 'bool', boolean: 'bool',
  int2: 'int2', smallint: 'int2',
  int4: 'int4', int: 'int4', integer: 'int4',
  int8: 'int8', bigint: 'int8',
  float4: 'float4', real: 'float4',
  float8: 'float8', 'double precision': 'float8', float: 'float8',
  numeric: 'numeric', decimal: 'numeric',
  text: 'text', varchar: 'text', 'character varying': 'text', bpchar: 'text', char: 'text', character: 'text', name: 'text',
  date: 'date',
  timestamp: 'timestamp', 'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamptz', 'timestamp with time zone': 'timestamptz',
  interval: 'interval',
};

/** The type a cast names, or undefined when the cast is not allowed (0A000 at the caller). */
export function castType(names: string[]): SqlType | undefined {
  const name = names.filter((n) => n !== 'pg_catalog').join(' ').toLowerCase();
  return CAST_NAMES[name];
}

const NUMERIC_RANK: SqlType[] = ['int2', 'int4', 'int8', 'numeric', 'float4', 'float8'];

export function isNumeric(type: SqlType | 'unknown'): boolean {
  return type !== 'unknown' && NUMERIC_RANK.includes(type);
}

/** The type of arithmetic on two numbers, as PostgreSQL resolves it (the wider one). */
export function widerNumeric(a: SqlType | 'unknown', b: SqlType | 'unknown'): SqlType {
  const ra = a === 'unknown' ? -1 : NUMERIC_RANK.indexOf(a);
  const rb = b === 'unknown' ? -1 : NUMERIC_RANK.indexOf(b);
  const r = Math.max(ra, rb);
  return r < 0 ? 'numeric' : NUMERIC_RANK[r]!;
}

/** The SQL type of a Cube member, as the catalog declares its column. */
export function memberType(column: { kind: 'dimension' | 'measure'; type: string; aggType?: string }): SqlType {
  if (column.kind === 'measure' && ['count', 'countDistinct', 'countDistinctApprox'].includes(column.aggType ?? '')) return 'int8';
  switch (column.type) {
    case 'time':
      return 'timestamp';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'text';
    default:
      return 'numeric';
  }
}
