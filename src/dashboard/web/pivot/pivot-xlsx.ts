import writeXlsxFile, { type Row } from 'write-excel-file/browser';
import type { PivotResult } from './pivot-result';

/**
 * The whole pivot as an Excel workbook: a bold header of column titles, then
 * every row; numbers as numbers (so the spreadsheet can sum them), a
 * held-back cell as the text "fewer than k".
 */
export async function pivotXlsx(result: PivotResult, rows: PivotResult['rows'], sheet: string): Promise<Blob> {
  const header: Row = result.columns.map((column) => ({ value: column.title, fontWeight: 'bold' as const }));
  const body: Row[] = rows.map((row) => row.map((cell) => {
    if (cell.held || cell.value === null) return cell.text ? { value: cell.text } : null;
    return typeof cell.value === 'number' ? { value: cell.value, type: Number } : { value: cell.value, type: String };
  }));
  // Excel allows 31 characters in a sheet name, without []:*?/\.
  return writeXlsxFile([header, ...body], { sheet: sheet.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Pivot' }).toBlob();
}
