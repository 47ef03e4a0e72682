import type { VisibleColumn } from '../catalog/visible-tables';
import { POSTGRES_TYPES, type PostgresType } from '../postgres-types/type-table';

export { typeSizeOf } from '../postgres-types/type-table';

const COUNTING = new Set(['count', 'countDistinct', 'countDistinctApprox']);

/** The column type of a member: counts are bigint, other numbers numeric, times timestamp. */
export function pgTypeOf(column: Pick<VisibleColumn, 'kind' | 'type' | 'aggType'>): PostgresType {
  if (column.kind === 'measure' && column.aggType && COUNTING.has(column.aggType)) return POSTGRES_TYPES.int8;
  switch (column.type) {
    case 'time':
      return POSTGRES_TYPES.timestamp;
    case 'boolean':
      return POSTGRES_TYPES.bool;
    case 'number':
    case 'count':
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
    case 'runningTotal':
    case 'countDistinct':
    case 'countDistinctApprox':
      return POSTGRES_TYPES.numeric;
    default:
      return POSTGRES_TYPES.text;
  }
}
