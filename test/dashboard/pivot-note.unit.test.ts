import { describe, expect, it } from 'vitest';
import { pivotNote, rowCount } from '../../src/dashboard/web/pivot/pivot-note';

const result = (rows: number, extra: Partial<{ answerRows: number; heldCells: number; minCellSize: number }> = {}) => ({
  rows: Array.from({ length: rows }),
  answerRows: rows,
  heldCells: 0,
  minCellSize: undefined as number | undefined,
  ...extra,
});

describe('the note under the pivot', () => {
  it('counts rows as people write them', () => {
    expect(rowCount(1)).toBe('1 row');
    expect(rowCount(2)).toBe('2 rows');
    expect(rowCount(12345)).toBe('12,345 rows');
    expect(pivotNote(result(1))).toBe('1 row.');
    expect(pivotNote(result(0))).toBe('No data for this selection.');
  });

  it('never cuts silently: says how many rows the table leaves out and where they are', () => {
    expect(pivotNote(result(12_345))).toBe('12,345 rows; the table shows the first 5,000; 7,345 rows left out of it are in the CSV and XLSX downloads.');
    expect(pivotNote(result(5_001))).toContain('1 row left out of it');
    expect(pivotNote(result(5_000))).toBe('5,000 rows.');
  });

  it('says when the server\'s own cap was reached, and how many values were held back', () => {
    expect(pivotNote(result(20_000, { answerRows: 50_000 }))).toContain('the server answers at most 50,000 rows, so there may be more');
    expect(pivotNote(result(40, { heldCells: 3, minCellSize: 5 }))).toBe('40 rows; 3 values are not shown: fewer than 5 people each.');
  });
});
