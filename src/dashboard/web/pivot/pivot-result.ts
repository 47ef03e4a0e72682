import type { PivotConfig, ResultSet } from '@cubejs-client/core';
import { disclosureOf, fewerThan } from '../disclosure-marker';
import { formatNumber, type NumberStyle } from '../format-number';
import { leafColumns, type PivotColumn } from './pivot-columns';
import type { PivotField } from './pivot-fields';
import { timeLabel, type PivotGranularity } from './time-granularity';

// Cube's pivot writes this where a combination has no row or a null value; the result decides which.
const NO_VALUE = '\u0000no value';

/** One cell as shown: its text for people, its value for sorting and spreadsheets, whether it was held back. */
export interface PivotCell {
  readonly text: string;
  readonly value: string | number | null;
  readonly held: boolean;
}

/** A pivot ready to show and download. */
export interface PivotResult {
  readonly columns: PivotColumn[];
  readonly rows: PivotCell[][];
  /** Rows of Cube's answer (before pivoting); ANSWER_LIMIT of them means the answer was cut. */
  readonly answerRows: number;
  readonly heldCells: number;
  readonly minCellSize: number | undefined;
}

function styleOf(column: PivotColumn): NumberStyle {
  return column.format === 'currency' || column.format === 'percent' ? column.format : 'plain';
}

/**
 * The pivot of an answer, every cell labelled for people: time values at their
 * granularity, numbers in the viewer's locale, a value the server held back
 * as "fewer than k" (never 0), a count with no row as 0.
 */
export function pivotResult(
  resultSet: ResultSet,
  pivotConfig: PivotConfig,
  granularities: ReadonlyMap<string, PivotGranularity>,
  measures: readonly PivotField[],
): PivotResult {
  const x = (pivotConfig.x ?? []) as string[];
  const y = ((pivotConfig.y ?? []) as string[]).filter((key) => key !== 'measures');
  const disclosure = disclosureOf(resultSet);
  const raw = resultSet.rawData() as Record<string, unknown>[];
  const rowKey = (row: Record<string, unknown>) => x.map((key) => String(row[key] ?? '')).join('\u0001');
  const held = new Set((disclosure?.suppressedCells ?? []).flatMap(([index, member]) => {
    const row = raw[index];
    return row ? [`${rowKey(row)}\u0002${[...y.map((key) => row[key]), member].join()}`] : [];
  }));
  const columnLabel = (depth: number, title: string) => {
    const granularity = granularities.get(y[depth] ?? '');
    return granularity ? timeLabel(title, granularity) : title;
  };
  const columns = leafColumns(resultSet.tableColumns(pivotConfig), columnLabel);
  const counts = new Set(measures.filter((field) => field.countsPeopleOrThings).map((field) => field.name));
  let heldCells = 0;
  const rows = resultSet.tablePivot({ ...pivotConfig, fillWithValue: NO_VALUE }).map((row) => columns.map((column): PivotCell => {
    const value = row[column.key];
    if (!column.numeric) {
      const granularity = granularities.get(column.key);
      const text = granularity ? timeLabel(value, granularity) : value === null || value === undefined ? '∅' : String(value);
      return { text, value: text === '∅' ? null : text, held: false };
    }
    if (held.has(`${rowKey(row)}\u0002${column.key}`) && disclosure) {
      heldCells += 1;
      return { text: fewerThan(disclosure.minCellSize), value: null, held: true };
    }
    if (value === NO_VALUE || value === null || value === undefined) {
      const zero = column.measure !== undefined && counts.has(column.measure);
      return { text: zero ? formatNumber(0, styleOf(column)) : '', value: zero ? 0 : null, held: false };
    }
    const number = Number(value);
    return { text: formatNumber(number, styleOf(column)), value: Number.isFinite(number) ? number : String(value), held: false };
  }));
  return { columns, rows, answerRows: raw.length, heldCells, minCellSize: disclosure?.minCellSize };
}
