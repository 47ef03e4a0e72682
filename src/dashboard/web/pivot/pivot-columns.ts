import type { TableColumn } from '@cubejs-client/core';

/** A column of the rendered pivot: the key of its values in tablePivot rows and its title path. */
export interface PivotColumn {
  readonly key: string;
  readonly title: string;
  readonly numeric: boolean;
  readonly format?: string;
}

/** Flattens Cube's nested table columns (column dimensions, then measures) into leaf columns. */
export function leafColumns(columns: readonly TableColumn[], path: readonly string[] = []): PivotColumn[] {
  return columns.flatMap((column) => {
    const title = [...path, column.shortTitle || column.title];
    if (column.children && column.children.length > 0) return leafColumns(column.children, title);
    return [{
      key: column.dataIndex || column.key,
      title: title.join(' · '),
      numeric: column.type === 'number',
      format: typeof column.format === 'string' ? column.format : undefined,
    }];
  });
}
