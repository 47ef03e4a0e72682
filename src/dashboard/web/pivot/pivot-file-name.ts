import type { PivotSelection } from './pivot-selection';

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * What the pivot is called, for its downloads and its sheet: the view, the row
 * fields, then "by" the column fields, e.g. "Users - Campus Code by Status"
 * (or the measures, when there are no rows or columns).
 */
export function pivotTitle(viewTitle: string, selection: PivotSelection): string {
  const rows = selection.rows.map((picked) => picked.field.title);
  const columns = selection.columns.map((picked) => picked.field.title);
  const what = rows.length + columns.length > 0
    ? [rows.join(', '), columns.length > 0 ? `by ${columns.join(', ')}` : ''].filter(Boolean).join(' ')
    : selection.measures.map((picked) => picked.field.title).join(', ');
  return `${viewTitle} - ${what}`;
}

/** The file name of a download: the pivot's title as a slug, e.g. "users-campus-code-by-status.csv". */
export function pivotFileName(title: string, extension: 'csv' | 'xlsx'): string {
  return `${slug(title).slice(0, 120) || 'pivot'}.${extension}`;
}
