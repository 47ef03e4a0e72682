import type { PivotResult } from './pivot-result';

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The whole pivot as CSV (RFC 4180): a header of column titles, then every
 * row (not only those the table shows). Numbers are written plain; time
 * values as the table labels them; a held-back cell as "fewer than k".
 */
export function pivotCsv(result: PivotResult, rows: PivotResult['rows']): string {
  const lines = [result.columns.map((column) => csvCell(column.title)).join(',')];
  for (const row of rows) lines.push(row.map((cell) => csvCell(cell.held ? cell.text : cell.value)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Offers `blob` to the viewer as a file download named `fileName`. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
