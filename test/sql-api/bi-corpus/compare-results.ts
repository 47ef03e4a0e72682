import type { Comparison } from './corpus-statement';

export type Cell = string | null;

/** Rows as text, the way both servers send them (every value read without a type parser). */
export interface ResultSet {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface Verdict {
  readonly equal: boolean;
  /** Cells NULL in the answer where the reference row has fewer people than the minimum cell size. */
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

/** How an answer row matches a reference row: not at all, exactly, or with some cells suppressed. */
function matchRow(actual: readonly Cell[], expected: ExpectedRow, tolerance: number, minCellSize: number): number | undefined {
  let suppressed = 0;
  for (let i = 0; i < expected.cells.length; i++) {
    if (sameValue(actual[i] ?? null, expected.cells[i] ?? null, tolerance)) continue;
    const small = minCellSize > 0 && expected.people !== undefined && expected.people < minCellSize;
    if (actual[i] === null && small) {
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
    if (suppressed === 0 && minCellSize > 0 && row.people !== undefined && row.people < minCellSize) smallRowsShown++;
  }
  return { suppressedCells, smallRowsShown };
}

function compareOrdered(actual: ResultSet, expected: readonly ExpectedRow[], tolerance: number, minCellSize: number): Verdict {
  const pairs: [number, ExpectedRow][] = [];
  for (let i = 0; i < expected.length; i++) {
    const suppressed = matchRow(actual.rows[i]!, expected[i]!, tolerance, minCellSize);
    if (suppressed === undefined) {
      return { equal: false, suppressedCells: 0, smallRowsShown: 0, detail: `row ${i + 1}: got ${JSON.stringify(actual.rows[i])}, expected ${JSON.stringify(expected[i]!.cells)}` };
    }
    pairs.push([suppressed, expected[i]!]);
  }
  return { equal: true, ...tally(pairs, minCellSize) };
}

function compareUnordered(actual: ResultSet, expected: readonly ExpectedRow[], tolerance: number, minCellSize: number): Verdict {
  // Exact matches first by key (fast for thousands of rows), then the rest one by one.
  const byKey = new Map<string, ExpectedRow[]>();
  for (const row of expected) byKey.set(key(row.cells), [...(byKey.get(key(row.cells)) ?? []), row]);
  const pairs: [number, ExpectedRow][] = [];
  const leftover: (readonly Cell[])[] = [];
  for (const row of actual.rows) {
    const candidates = byKey.get(key(row));
    const match = candidates?.pop();
    if (match) pairs.push([0, match]);
    else leftover.push(row);
  }
  const remaining = [...byKey.values()].flat();
  for (const row of leftover) {
    const index = remaining.findIndex((candidate) => matchRow(row, candidate, tolerance, minCellSize) !== undefined);
    if (index < 0) {
      return { equal: false, suppressedCells: 0, smallRowsShown: 0, detail: `got ${JSON.stringify(row)}, which no reference row matches (first unmatched: ${JSON.stringify(remaining[0]?.cells)})` };
    }
    pairs.push([matchRow(row, remaining[index]!, tolerance, minCellSize)!, remaining[index]!]);
    remaining.splice(index, 1);
  }
  return { equal: true, ...tally(pairs, minCellSize) };
}

/**
 * Whether an answer says what the reference says. The reference may end with a
 * `__people` column; a NULL in the answer then passes only where that row has
 * fewer people than `minCellSize` (0: no minimum, so a NULL must be a NULL).
 */
export function compareResults(actual: ResultSet, reference: ResultSet, comparison: Comparison, minCellSize: number): Verdict {
  const peopleAt = reference.columns.at(-1) === PEOPLE_COLUMN ? reference.columns.length - 1 : -1;
  const width = peopleAt < 0 ? reference.columns.length : peopleAt;
  const expected: ExpectedRow[] = reference.rows.map((row) => ({
    cells: row.slice(0, width),
    people: peopleAt < 0 ? undefined : Number(row[peopleAt] ?? 0),
  }));
  if (actual.columns.length !== width) {
    return { equal: false, suppressedCells: 0, smallRowsShown: 0, detail: `${actual.columns.length} columns, expected ${width}` };
  }
  if (actual.rows.length !== expected.length) {
    return { equal: false, suppressedCells: 0, smallRowsShown: 0, detail: `${actual.rows.length} rows, expected ${expected.length}` };
  }
  const tolerance = comparison.tolerance ?? 0;
  if (comparison.rows === 'unordered') return compareUnordered(actual, expected, tolerance, minCellSize);
  const ordered = compareOrdered(actual, expected, tolerance, minCellSize);
  // A suppressed cell may sort elsewhere than its true value (NULLs sort last ascending):
  // the rows must still be the reference's, in whatever order the NULLs put them.
  if (!ordered.equal && minCellSize > 0 && actual.rows.some((row) => row.includes(null))) {
    const unordered = compareUnordered(actual, expected, tolerance, minCellSize);
    if (unordered.equal && unordered.suppressedCells > 0) return unordered;
  }
  return ordered;
}
