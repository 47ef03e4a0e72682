import type { TableColumn } from '@cubejs-client/core';

/** A column of the rendered pivot: the key of its values in tablePivot rows and its title path. */
export interface PivotColumn {
  readonly key: string;
  readonly title: string;
  readonly numeric: boolean;
  readonly format?: string;
  /** For measure columns: the measure, so a held-back cell can be matched to it. */
  readonly measure?: string;
}

/**
 * Flattens Cube's nested table columns (column dimensions, then measures) into
 * leaf columns. `label(depth, title)` rewrites the title of a column
 * dimension's value at that depth (time values as people read them).
 */
export function leafColumns(
  columns: readonly TableColumn[],
  label: (depth: number, title: string) => string = (_depth, title) => title,
  path: readonly string[] = [],
): PivotColumn[] {
  return columns.flatMap((column) => {
    const own = column.shortTitle || column.title;
    if (column.children && column.children.length > 0) return leafColumns(column.children, label, [...path, label(path.length, own)]);
    const key = column.dataIndex || column.key;
    return [{
      key,
      title: [...path, own].join(' · '),
      numeric: column.type === 'number',
      format: typeof column.format === 'string' ? column.format : undefined,
      measure: column.type === 'number' ? key.split(',').pop() : undefined,
    }];
  });
}
