import type { DisclosureSettings } from '../privacy/disclosure-settings';
import { cellKeyNoise, cellKeyOf } from './cell-key-noise';
import { secondarySuppression } from './secondary-suppression';

type Row = Record<string, unknown>;

/** Where one answer's columns are, by the keys its rows use. */
export interface AnswerLayout {
  /** Dimensions and time dimensions: a cell's coordinates. */
  readonly dimensionKeys: readonly string[];
  /** The measures the caller asked for. */
  readonly measureKeys: readonly string[];
  /** Of those, the counts, which the cell key method perturbs. */
  readonly countKeys: ReadonlySet<string>;
  /** People per cell, one per view of the query; a cell has the fewest of them. */
  readonly peopleKeys: readonly string[];
  /** Sums of record keys per cell (present when the counts are perturbed). */
  readonly keySumKeys: readonly string[];
}

export interface ProtectedAnswer {
  readonly rows: Row[];
  /** The rows of `rows` whose measures were set to null. */
  readonly suppressedRows: ReadonlySet<Row>;
  /** Rows left out because they have fewer than k people (their dimension values would single them out). */
  readonly hiddenRows: number;
}

function numberOf(value: unknown): number {
  const number = Number(value ?? 0);
  return Number.isFinite(number) ? number : 0;
}

function peopleOf(row: Row, layout: AnswerLayout): number {
  return Math.min(...layout.peopleKeys.map((key) => numberOf(row[key])));
}

function perturbed(value: unknown, cellKey: number, key: string): unknown {
  if (value === null || value === undefined) return value;
  const count = numberOf(value);
  const noisy = count + cellKeyNoise(cellKey, count, key);
  return typeof value === 'string' ? String(noisy) : noisy;
}

/**
 * Applies a group's minimum cell size to the rows of one answer:
 * - a row of fewer than k people is left out when it has dimension values (they
 *   would say who is in it), and has its measures set to null when it has none
 *   (the single total of a filter: zero people is suppressed too, so an empty
 *   filter cannot be told from a small one);
 * - secondary suppression sets the measures of further rows to null, so no
 *   left-out row can be recovered from a margin;
 * - with cell key perturbation, the counts of the remaining rows get their noise;
 * - the internal columns are removed.
 * The input rows are not modified (Cube may cache them).
 *
 * @param leaveOutSuppressed when the query filters on a measure, a row's presence
 *   says its value passed the filter, so every suppressed row is left out instead
 */
export function suppressCells(input: readonly Row[], layout: AnswerLayout, settings: DisclosureSettings, leaveOutSuppressed = false): ProtectedAnswer {
  const k = settings.minCellSize;
  const cells = input.map((row) => ({ coordinates: layout.dimensionKeys.map((key) => row[key]), people: peopleOf(row, layout) }));
  const primary = new Set(cells.flatMap((cell, index) => (cell.people < k ? [index] : [])));
  const secondary = layout.measureKeys.length > 0 ? secondarySuppression(cells, primary, k) : new Set<number>();
  const dropPrimary = layout.dimensionKeys.length > 0;
  const internal = new Set([...layout.peopleKeys, ...layout.keySumKeys]);

  const rows: Row[] = [];
  const suppressedRows = new Set<Row>();
  let hiddenRows = 0;
  input.forEach((row, index) => {
    const suppressed = primary.has(index) || secondary.has(index);
    if ((primary.has(index) && dropPrimary) || (suppressed && leaveOutSuppressed)) {
      hiddenRows += 1;
      return;
    }
    const out: Row = {};
    for (const [key, value] of Object.entries(row)) if (!internal.has(key)) out[key] = value;
    if (suppressed) {
      for (const key of layout.measureKeys) out[key] = null;
      suppressedRows.add(out);
    } else if (settings.perturbation === 'cell-key') {
      const cellKey = cellKeyOf(layout.keySumKeys.reduce((sum, key) => sum + numberOf(row[key]), 0));
      for (const key of layout.measureKeys) if (layout.countKeys.has(key)) out[key] = perturbed(row[key], cellKey, key);
    }
    rows.push(out);
  });
  return { rows, suppressedRows, hiddenRows };
}
