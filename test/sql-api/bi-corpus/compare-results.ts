import type { Comparison } from './corpus-statement';

export type Cell = string | null;

/** Rows as text, the way both servers send them (every value read without a type parser). */
export interface ResultSet {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface Verdict {
  readonly equal: boolean;
  /**
   * Cells NULL in the answer where the reference has a value: in rows with fewer people than the
   * minimum cell size, or (secondary suppression) in other rows of an answer that has such rows.
   */
  readonly suppressedCells: number;
  /** Reference rows with fewer people than the minimum cell size that came back with every value shown. */
  readonly smallRowsShown: number;
  readonly detail?: string;
}

export const PEOPLE_COLUMN = '__people';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]00(:?00)?)?$/;

/**
 * One value in a form both sides agree on when they mean the same thing: numbers
 * by value, timestamps without a UTC offset or zero fractions, booleans as t/f.
 * A date stays a date: '2026-11-06' is not '2026-11-06 00:00:00'.
 */
export function normalizeCell(cell: Cell): Cell {
  if (cell === null) return null;
  if (NUMBER.test(cell)) return String(Number(cell));
  const time = TIMESTAMP.exec(cell);
  if (time) {
    const fraction = (time[3] ?? '').replace(/0+$/, '');
    return `${time[1]} ${time[2]}${fraction === '.' ? '' : fraction}`;
  }
  if (cell === 'true') return 't';
  if (cell === 'false') return 'f';
  return cell;
}

function sameValue(actual: Cell, expected: Cell, tolerance: number): boolean {
  const a = normalizeCell(actual);
  const b = normalizeCell(expected);
  if (a === b) return true;
  if (a === null || b === null || tolerance === 0) return false;
  if (!NUMBER.test(a) || !NUMBER.test(b)) return false;
  const x = Number(a);
  const y = Number(b);
  return Math.abs(x - y) <= tolerance * Math.max(1, Math.abs(x), Math.abs(y));
}

interface ExpectedRow {
  readonly cells: readonly Cell[];
  readonly people: number | undefined;
}

/**
 * Which reference rows may be left out or come back with NULLs: those with fewer people than
 * the minimum cell size, and, when there is one, any other (a margin may oblige disclosure
 * control to hide a second cell so the first cannot be recovered by subtraction).
 */
interface Suppression {
  readonly minCellSize: number;
  readonly secondaryAllowed: boolean;
}

function maySuppress(row: ExpectedRow, suppression: Suppression): boolean {
  if (suppression.minCellSize === 0 || row.people === undefined) return false;
  return row.people < suppression.minCellSize || suppression.secondaryAllowed;
}

/** How an answer row matches a reference row: not at all, exactly, or with some cells suppressed. */
function matchRow(actual: readonly Cell[], expected: ExpectedRow, tolerance: number, suppression: Suppression): number | undefined {
  let suppressed = 0;
  for (let i = 0; i < expected.cells.length; i++) {
    if (sameValue(actual[i] ?? null, expected.cells[i] ?? null, tolerance)) continue;
    if (actual[i] === null && maySuppress(expected, suppression)) {
      suppressed++;
      continue;
    }
    return undefined;
  }
  return suppressed;
}

function key(cells: readonly Cell[]): string {
  return JSON.stringify(cells.map(normalizeCell));
}

function tally(pairs: readonly [number, ExpectedRow][], minCellSize: number): { suppressedCells: number; smallRowsShown: number } {
  let suppressedCells = 0;
  let smallRowsShown = 0;
  for (const [suppressed, row] of pairs) {
    suppressedCells += suppressed;
    // A row of NULLs alone (a SUM over no rows) shows nothing: it is what suppressing it would show.
    const shows = row.cells.some((cell) => cell !== null);
    if (suppressed === 0 && shows && minCellSize > 0 && row.people !== undefined && row.people < minCellSize) smallRowsShown++;
  }
  return { suppressedCells, smallRowsShown };
}

function missing(rows: readonly ExpectedRow[]): Verdict {
  return { equal: false, suppressedCells: 0, smallRowsShown: 0, detail: `${rows.length} reference rows missing, the first ${JSON.stringify(rows[0]!.cells)}` };
}

/** The answer's rows must be the reference's in the same order, save rows disclosure control may hide. */
function compareOrdered(actual: ResultSet, expected: readonly ExpectedRow[], tolerance: number, suppression: Suppression, limit?: number): Verdict {
  if (limit !== undefined && actual.rows.length > limit) {
    return { equal: false, suppressedCells: 0, smallRowsShown: 0, detail: `${actual.rows.length} rows, beyond the LIMIT of ${limit}` };
  }
  const pairs: [number, ExpectedRow][] = [];
  let next = 0;
  for (const [i, row] of actual.rows.entries()) {
    for (;;) {
      const candidate = expected[next];
      if (!candidate) return { equal: false, suppressedCells: 0, smallRowsShown: 0, detail: `row ${i + 1} ${JSON.stringify(row)} is beyond the reference's ${expected.length} rows` };
      next++;
      const suppressed = matchRow(row, candidate, tolerance, suppression);
      if (suppressed !== undefined) {
        pairs.push([suppressed, candidate]);
        break;
      }
      if (!maySuppress(candidate, suppression)) {
        return { equal: false, suppressedCells: 0, smallRowsShown: 0, detail: `row ${i + 1}: got ${JSON.stringify(row)}, expected ${JSON.stringify(candidate.cells)}` };
      }
    }
  }
  // A full LIMIT says nothing of the rows after it.
  const left = limit !== undefined && actual.rows.length === limit ? [] : expected.slice(next).filter((row) => !maySuppress(row, suppression));
  return left.length > 0 ? missing(left) : { equal: true, ...tally(pairs, suppression.minCellSize) };
}

/** Every answer row must be a reference row, and every reference row answered unless disclosure control may hide it. */
function compareUnordered(actual: ResultSet, expected: readonly ExpectedRow[], tolerance: number, suppression: Suppression): Verdict {
  // Exact matches first by key (fast for thousands of rows), then the rest one by one.
  const byKey = new Map<string, ExpectedRow[]>();
  for (const row of expected) byKey.set(key(row.cells), [...(byKey.get(key(row.cells)) ?? []), row]);
  const pairs: [number, ExpectedRow][] = [];
  const leftover: (readonly Cell[])[] = [];
  for (const row of actual.rows) {
    const match = byKey.get(key(row))?.pop();
    if (match) pairs.push([0, match]);
    else leftover.push(row);
  }
  const remaining = [...byKey.values()].flat();
  for (const row of leftover) {
    const index = remaining.findIndex((candidate) => matchRow(row, candidate, tolerance, suppression) !== undefined);
    if (index < 0) {
      return { equal: false, suppressedCells: 0, smallRowsShown: 0, detail: `got ${JSON.stringify(row)}, which no reference row matches (first unmatched: ${JSON.stringify(remaining[0]?.cells)})` };
    }
    pairs.push([matchRow(row, remaining[index]!, tolerance, suppression)!, remaining[index]!]);
    remaining.splice(index, 1);
  }
  const left = remaining.filter((row) => !maySuppress(row, suppression));
  return left.length > 0 ? missing(left) : { equal: true, ...tally(pairs, suppression.minCellSize) };
}

/**
 * Whether an answer says what the reference says. The reference may end with a
 * `__people` column, for a group with a minimum cell size `minCellSize` (0: none):
 * a reference row with fewer people may be left out of the answer or come back
 * with NULLs, and when there is such a row, so may the others (secondary
 * suppression); so may any row when the statement keeps only some of the groups
 * it aggregates or aggregates in steps (`selectsAmongGroups`: the protected cells
 * are then not the answer's rows). Everything else must be there, equal.
 */
export function compareResults(actual: ResultSet, reference: ResultSet, comparison: Comparison, minCellSize: number, selectsAmongGroups = false): Verdict {
  const peopleAt = reference.columns.at(-1) === PEOPLE_COLUMN ? reference.columns.length - 1 : -1;
  const width = peopleAt < 0 ? reference.columns.length : peopleAt;
  const expected: ExpectedRow[] = reference.rows.map((row) => ({
    cells: row.slice(0, width),
    people: peopleAt < 0 ? undefined : Number(row[peopleAt] ?? 0),
  }));
  if (actual.columns.length !== width) {
    return { equal: false, suppressedCells: 0, smallRowsShown: 0, detail: `${actual.columns.length} columns, expected ${width}` };
  }
  if (comparison.limit !== undefined && comparison.rows !== 'ordered') throw new Error('a LIMIT left out of the reference needs an ordered comparison');
  if (actual.rows.length > expected.length) {
    return { equal: false, suppressedCells: 0, smallRowsShown: 0, detail: `${actual.rows.length} rows, expected ${expected.length}` };
  }
  const tolerance = comparison.tolerance ?? 0;
  const suppression = {
    minCellSize,
    secondaryAllowed: minCellSize > 0 && (selectsAmongGroups || expected.some((row) => row.people !== undefined && row.people < minCellSize)),
  };
  if (comparison.rows === 'unordered') return compareUnordered(actual, expected, tolerance, suppression);
  const ordered = compareOrdered(actual, expected, tolerance, suppression, comparison.limit);
  // A suppressed cell may sort elsewhere than its true value (NULLs sort last ascending):
  // the rows must still be the reference's, in whatever order the NULLs put them.
  if (!ordered.equal && actual.rows.some((row) => row.includes(null))) {
    const unordered = compareUnordered(actual, expected, tolerance, suppression);
    if (unordered.equal && unordered.suppressedCells > 0) return unordered;
  }
  return ordered;
}

/** The reference with every timestamp cut to the start of its day: what a group may see of raw times. */
export function timesCutToDays(result: ResultSet): ResultSet {
  return {
    columns: result.columns,
    rows: result.rows.map((row) => row.map((cell) => {
      const time = cell === null ? null : TIMESTAMP.exec(cell);
      return time ? `${time[1]} 00:00:00` : cell;
    })),
  };
}
