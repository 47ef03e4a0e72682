/** The granularities a pivot offers for a time field, finest first. */
export const PIVOT_GRANULARITIES = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type PivotGranularity = (typeof PIVOT_GRANULARITIES)[number];

/** The granularities at or above `finest` (a group with a finest granularity may not ask for less). */
export function granularitiesFrom(finest: string | undefined): PivotGranularity[] {
  const index = PIVOT_GRANULARITIES.indexOf(finest as PivotGranularity);
  return index < 0 ? [...PIVOT_GRANULARITIES] : PIVOT_GRANULARITIES.slice(index);
}

/** The default for a newly picked time field: month when allowed, else the finest allowed. */
export function defaultGranularity(allowed: readonly PivotGranularity[]): PivotGranularity {
  return allowed.includes('month') ? 'month' : allowed[0] ?? 'year';
}

/**
 * A time value as people read it at its granularity: 2026-03-14, week of
 * 2026-03-09, 2026-03, 2026 Q1, 2026; not 2026-01-01T00:00:00.000.
 */
export function timeLabel(value: unknown, granularity: PivotGranularity | undefined): string {
  if (value === null || value === undefined || value === '') return '∅';
  const text = String(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return text;
  const [, year, month, day] = match;
  switch (granularity) {
    case 'year': return year as string;
    case 'quarter': return `${year} Q${Math.floor((Number(month) - 1) / 3) + 1}`;
    case 'month': return `${year}-${month}`;
    case 'week': return `week of ${year}-${month}-${day}`;
    default: return `${year}-${month}-${day}`;
  }
}
