import type { TimeGranularity } from '../privacy/disclosure-settings';
import { DisclosureRefusal } from './disclosure-refusal';

const UNIT_MS: Partial<Record<TimeGranularity, number>> = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The start of the `granularity` unit holding `time` (UTC; weeks start on Monday, as Cube's do). */
function unitStart(time: Date, granularity: TimeGranularity): Date {
  const fixed = UNIT_MS[granularity];
  if (fixed) return new Date(Math.floor(time.getTime() / fixed) * fixed);
  const [year, month, day] = [time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate()];
  if (granularity === 'week') return new Date(Date.UTC(year, month, day - ((time.getUTCDay() + 6) % 7)));
  if (granularity === 'month') return new Date(Date.UTC(year, month, 1));
  if (granularity === 'quarter') return new Date(Date.UTC(year, month - (month % 3), 1));
  return new Date(Date.UTC(year, 0, 1));
}

/** Whether a filter value falls on the start, or the last instant, of a unit of `granularity`. */
function isAligned(value: string, granularity: TimeGranularity): boolean {
  // Cube reads a bare date as that whole day; a value with no zone is UTC here, as the server runs.
  const time = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) || !/T|\s\d/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  if (Number.isNaN(time.getTime())) {
    // Cube's relative ranges ("last 7 days", "this month") are whole days or coarser unless they name a finer unit.
    return !/\b(second|minute|hour)s?\b/i.test(value) || UNIT_MS[granularity]! <= 1_000;
  }
  const start = unitStart(time, granularity).getTime();
  if (time.getTime() === start) return true;
  // The last millisecond or second of a unit, as "until the end of the day" is often written.
  const end = UNIT_MS[granularity] ? start + UNIT_MS[granularity]!
    : granularity === 'week' ? start + 7 * 86_400_000
      : unitStart(new Date(start + { month: 32, quarter: 96, year: 384 }[granularity as 'month'] * 86_400_000), granularity).getTime();
  return time.getTime() === end - 1 || time.getTime() === end - 1_000;
}

interface TimeFilterQuery {
  filters?: unknown[];
  timeDimensions?: { dimension: string; dateRange?: unknown }[];
}

function filterNodes(filters: readonly unknown[]): { member: string; values: unknown[] }[] {
  return filters.flatMap((filter) => {
    const node = filter as { member?: unknown; dimension?: unknown; values?: unknown; and?: unknown[]; or?: unknown[] };
    const member = typeof node.member === 'string' ? node.member : typeof node.dimension === 'string' ? node.dimension : undefined;
    const own = member && Array.isArray(node.values) ? [{ member, values: node.values }] : [];
    return [...own, ...filterNodes(node.and ?? []), ...filterNodes(node.or ?? [])];
  });
}

/**
 * Refuses a filter or date range on a time field that does not fall on whole
 * units of the finest granularity: a filter to the second would single out the
 * person whose timestamp it is, which grouping by day is meant to prevent.
 */
export function checkTimeFilters(query: TimeFilterQuery, timeMembers: ReadonlySet<string>, finest: TimeGranularity): void {
  const checks = [
    ...filterNodes(query.filters ?? []).filter(({ member }) => timeMembers.has(member)),
    ...(query.timeDimensions ?? []).flatMap(({ dimension, dateRange }) => (dateRange === undefined
      ? [] : [{ member: dimension, values: Array.isArray(dateRange) ? dateRange : [dateRange] }])),
  ];
  for (const { member, values } of checks) {
    const off = values.find((value) => typeof value === 'string' && !isAligned(value, finest));
    if (off !== undefined) {
      throw new DisclosureRefusal(
        `A filter on ${member.split('.')[1]} must fall on whole ${finest}s for this group (such as 2025-01-01), `
        + `not ${String(off)}: a finer moment can single out a person.`,
      );
    }
  }
}
