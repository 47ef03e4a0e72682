import type { PivotResult } from './pivot-result';
import { ANSWER_LIMIT } from './pivot-selection';

/** The table shows at most this many rows; the downloads carry all of them. */
export const TABLE_ROWS = 5_000;

/** "1 row", "2 rows", "5,000 rows". */
export function rowCount(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'row' : 'rows'}`;
}

/**
 * The note under the pivot: how many rows, how many the table leaves out (and
 * where they are), whether Cube's answer was cut at its cap, what was held back.
 */
export function pivotNote(result: Pick<PivotResult, 'answerRows' | 'heldCells' | 'minCellSize'> & { rows: readonly unknown[] }): string {
  if (result.rows.length === 0) return 'No data for this selection.';
  const parts = [rowCount(result.rows.length)];
  if (result.rows.length > TABLE_ROWS) {
    parts.push(`the table shows the first ${TABLE_ROWS.toLocaleString('en-US')}; ${rowCount(result.rows.length - TABLE_ROWS)} left out of it are in the CSV and XLSX downloads`);
  }
  if (result.answerRows >= ANSWER_LIMIT) {
    parts.push(`the server answers at most ${ANSWER_LIMIT.toLocaleString('en-US')} rows, so there may be more: narrow the pivot with a filter or a date range`);
  }
  if (result.heldCells > 0 && result.minCellSize) {
    parts.push(`${result.heldCells === 1 ? '1 value is' : `${result.heldCells.toLocaleString('en-US')} values are`} not shown: fewer than ${result.minCellSize} people each`);
  }
  return `${parts.join('; ')}.`;
}
