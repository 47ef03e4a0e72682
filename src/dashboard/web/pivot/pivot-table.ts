import { formatNumber, type NumberStyle } from '../format-number';
import type { PivotColumn } from './pivot-columns';

function styleOf(column: PivotColumn): NumberStyle {
  return column.format === 'currency' || column.format === 'percent' ? column.format : 'plain';
}

/** Renders pivot rows as an HTML table, numbers formatted for people and right-aligned. */
export function renderPivotTable(parent: HTMLElement, columns: readonly PivotColumn[], rows: readonly Record<string, unknown>[]): void {
  const table = document.createElement('table');
  table.className = 'pivot-table';
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const cell = document.createElement('th');
    cell.textContent = column.title;
    cell.scope = 'col';
    head.append(cell);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const line = body.insertRow();
    for (const column of columns) {
      const cell = line.insertCell();
      const value = row[column.key];
      cell.textContent = column.numeric ? formatNumber(value, styleOf(column)) : value === null || value === undefined ? '∅' : String(value);
      if (column.numeric) cell.className = 'number';
    }
  }
  parent.replaceChildren(table);
}
