import type { PivotConfig, ResultSet } from '@cubejs-client/core';

/** What the server says about cells it held back (annotation.disclosure of an answer; see src/disclosure). */
export interface DisclosureMarker {
  /** k: a shown cell aggregates at least this many people. */
  readonly minCellSize: number;
  /** [row index in the answer's data, member] of every value the server set to null. */
  readonly suppressedCells: readonly (readonly [number, string])[];
}

/** The answer's disclosure marker, when the caller's group has a minimum cell size. */
export function disclosureOf(resultSet: ResultSet): DisclosureMarker | undefined {
  const responses = (resultSet as unknown as { loadResponses?: { annotation?: { disclosure?: DisclosureMarker } }[] }).loadResponses;
  const disclosure = responses?.[0]?.annotation?.disclosure;
  return disclosure && Array.isArray(disclosure.suppressedCells) ? disclosure : undefined;
}

/** How a held-back cell reads: "fewer than 5". */
export function fewerThan(minCellSize: number): string {
  return `fewer than ${minCellSize}`;
}

/** Cube's way of writing axis values into pivot keys (ResultSet.axisValuesString with ','). */
function axisString(values: readonly unknown[]): string {
  return values.map((value) => (value === null || value === undefined ? '∅' : value === '' ? '[Empty string]' : String(value))).join(',');
}

/**
 * The cells of `resultSet.chartPivot(pivotConfig)` the server held back, as
 * `x + '\u0001' + series key`. Cube's pivot turns their null into 0 (or the fill
 * value), so the chart must ask here, never read 0 as "nobody".
 */
export function suppressedChartCells(resultSet: ResultSet, pivotConfig: PivotConfig): Set<string> {
  const disclosure = disclosureOf(resultSet);
  if (!disclosure || disclosure.suppressedCells.length === 0) return new Set();
  const rows = resultSet.rawData() as Record<string, unknown>[];
  const x = (pivotConfig.x ?? []).filter((member) => member !== 'measures');
  const y = (pivotConfig.y ?? []).filter((member) => member !== 'measures');
  return new Set(disclosure.suppressedCells.flatMap(([index, member]) => {
    const row = rows[index];
    if (!row) return [];
    return [`${axisString(x.map((key) => row[key] ?? null))}\u0001${axisString([...y.map((key) => row[key] ?? null), member])}`];
  }));
}

/** The rows of `resultSet.rawData()` with a held-back value of `member`, by row index. */
export function suppressedRows(resultSet: ResultSet, member: string): Set<number> {
  const disclosure = disclosureOf(resultSet);
  return new Set((disclosure?.suppressedCells ?? []).filter(([, name]) => name === member).map(([index]) => index));
}
