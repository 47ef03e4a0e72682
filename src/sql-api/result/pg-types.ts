import type { VisibleColumn } from '../catalog/visible-tables';

/** The PostgreSQL types the SQL API answers with, by OID, with their pg_type.typlen. */
export const PG_TYPE = {
  bool: { oid: 16, size: 1, name: 'boolean' },
  int8: { oid: 20, size: 8, name: 'bigint' },
  int4: { oid: 23, size: 4, name: 'integer' },
  text: { oid: 25, size: -1, name: 'text' },
  float8: { oid: 701, size: 8, name: 'double precision' },
  numeric: { oid: 1700, size: -1, name: 'numeric' },
  timestamp: { oid: 1114, size: 8, name: 'timestamp without time zone' },
} as const;

export type PgType = (typeof PG_TYPE)[keyof typeof PG_TYPE];

const COUNTING = new Set(['count', 'countDistinct', 'countDistinctApprox']);

/** The column type of a member: counts are bigint, other numbers numeric, times timestamp. */
export function pgTypeOf(column: Pick<VisibleColumn, 'kind' | 'type' | 'aggType'>): PgType {
  if (column.kind === 'measure' && column.aggType && COUNTING.has(column.aggType)) return PG_TYPE.int8;
  switch (column.type) {
    case 'time':
      return PG_TYPE.timestamp;
    case 'boolean':
      return PG_TYPE.bool;
    case 'number':
    case 'count':
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
    case 'runningTotal':
    case 'countDistinct':
    case 'countDistinctApprox':
      return PG_TYPE.numeric;
    default:
      return PG_TYPE.text;
  }
}

/** pg_type.typlen of the types PGlite may answer catalog queries with. */
const FIXED_SIZES: Record<number, number> = { 16: 1, 18: 1, 19: 64, 20: 8, 21: 2, 23: 4, 26: 4, 700: 4, 701: 8, 1082: 4, 1114: 8, 1184: 8, 28: 4, 24: 4, 2205: 4, 2206: 4 };

/** Size to report in RowDescription for a type OID. */
export function typeSizeOf(oid: number): number {
  return FIXED_SIZES[oid] ?? -1;
}
