type Row = Record<string, unknown>;

/** One ORDER BY entry, by the key the rows use. */
export interface OrderKey {
  readonly key: string;
  readonly desc: boolean;
}

function compareValues(a: unknown, b: unknown): number {
  const x = Number(a);
  const y = Number(b);
  if (typeof a !== 'boolean' && typeof b !== 'boolean' && a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  const [p, q] = [String(a), String(b)];
  return p < q ? -1 : p > q ? 1 : 0;
}

/**
 * The caller's order, offset and limit, applied to an answer after its cells
 * were judged (the database ran the query without them). When the order names
 * a measure the rows are sorted again on the values shown: a suppressed value
 * (null) goes last in either direction, and rows tied on every key are in
 * the order of their own values, so no row's place depends on a value the
 * caller cannot see. Otherwise the database's order stands.
 */
export function arrangeAnswer(rows: readonly Row[], order: readonly OrderKey[], sortAgain: boolean, offset = 0, limit?: number | null): Row[] {
  // Rows tied on every order key (suppressed rows: all null) keep a fixed order of their own,
  // not the database's, which sorted them by the values they no longer show.
  const canonical = new Map(sortAgain ? rows.map((row) => [row, JSON.stringify(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))]) : []);
  const sorted = sortAgain
    ? [...rows].sort((r, s) => (canonical.get(r)! < canonical.get(s)! ? -1 : canonical.get(r)! > canonical.get(s)! ? 1 : 0)).sort((r, s) => {
      for (const { key, desc } of order) {
        const [a, b] = [r[key], s[key]];
        if (a === b) continue;
        if (a === null || a === undefined) return 1;
        if (b === null || b === undefined) return -1;
        const difference = compareValues(a, b);
        if (difference !== 0) return desc ? -difference : difference;
      }
      return 0;
    })
    : [...rows];
  return sorted.slice(offset, limit === null || limit === undefined ? undefined : offset + limit);
}
