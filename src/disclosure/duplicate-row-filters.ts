/**
 * Row-level security puts the same row filter on a view and on the cube behind
 * it (`fulfillment.campus_code` and `loans.campus_code`, the same column). Cube
 * then no longer sees a single-valued filter per rollup dimension and, once a
 * query carries the people count (not additive), will not answer it from a
 * rollup. Within one AND group, a filter on a view member is dropped where the
 * same operator and values already filter the cube member it aliases: the rows
 * are limited exactly as before, by the filter that stays.
 *
 * @param aliasOf the cube member a view member reads (Cube's `aliasMember`), if any
 */
export function withoutDuplicateRowFilters(filters: readonly unknown[], aliasOf: ReadonlyMap<string, string>): unknown[] {
  const same = (a: Record<string, unknown>, b: Record<string, unknown>) => a.operator === b.operator && JSON.stringify(a.values) === JSON.stringify(b.values);
  const kept = filters.filter((filter) => {
    const node = filter as Record<string, unknown>;
    const alias = typeof node.member === 'string' ? aliasOf.get(node.member) : undefined;
    if (alias === undefined || alias === node.member) return true;
    return !filters.some((other) => (other as Record<string, unknown>).member === alias && same(node, other as Record<string, unknown>));
  });
  return kept.map((filter) => {
    const node = filter as { and?: unknown[] };
    return Array.isArray(node.and) ? { ...node, and: withoutDuplicateRowFilters(node.and, aliasOf) } : filter;
  });
}
