import type { PivotResult } from './pivot-result';
import { TABLE_ROWS } from './pivot-note';

/** A column to sort by, and which way. */
export interface PivotSort {
  readonly column: number;
  readonly descending: boolean;
}

function compare(a: string | number | null, b: string | number | null): number {
  // Empty and held-back cells last whichever the direction, so they never pose as the smallest or largest.
  if (a === null || b === null) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** The result's rows in `sort` order (the order of the answer when there is none). */
export function sortedRows(result: PivotResult, sort: PivotSort | undefined): PivotResult['rows'] {
  if (!sort) return result.rows;
  const nulls = result.rows.filter((row) => row[sort.column]?.value === null);
  const values = result.rows.filter((row) => row[sort.column]?.value !== null);
  values.sort((a, b) => compare(a[sort.column]?.value ?? null, b[sort.column]?.value ?? null) * (sort.descending ? -1 : 1));
  return [...values, ...nulls];
}

/**
 * Renders the first TABLE_ROWS rows as an HTML table: numbers right-aligned,
 * held-back cells marked, and a click on a column's header sorts by it (again
 * to reverse).
 */
export function renderPivotTable(parent: HTMLElement, result: PivotResult, sort: PivotSort | undefined, onSort: (sort: PivotSort) => void): void {
  const table = document.createElement('table');
  table.className = 'pivot-table';
  const head = table.createTHead().insertRow();
  result.columns.forEach((column, index) => {
    const cell = document.createElement('th');
    cell.scope = 'col';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.textContent = column.title;
    const sorted = sort?.column === index;
    cell.setAttribute('aria-sort', sorted ? (sort.descending ? 'descending' : 'ascending') : 'none');
    if (sorted) button.textContent += sort.descending ? ' ▼' : ' ▲';
    button.addEventListener('click', () => onSort({ column: index, descending: sorted ? !sort.descending : column.numeric }));
    cell.append(button);
    head.append(cell);
  });
  const body = table.createTBody();
  for (const row of sortedRows(result, sort).slice(0, TABLE_ROWS)) {
    const line = body.insertRow();
    row.forEach((value, index) => {
      const cell = line.insertCell();
      cell.textContent = value.text;
      if (result.columns[index]?.numeric) cell.classList.add('number');
      if (value.held) cell.classList.add('held');
    });
  }
  parent.replaceChildren(table);
}
