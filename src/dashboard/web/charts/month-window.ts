import { monthLabel } from './chart-style';

/** The last `months` calendar months up to today, the current one partial unless today is its last day. */
export interface MonthWindow {
  /** [first day of the first month, today] as YYYY-MM-DD, for a Cube dateRange. */
  readonly dateRange: [string, string];
  /** The month starting at `monthStart` as people read it, "(so far)" after a partial one. */
  label(monthStart: string): string;
  /** The note under a chart that ends in a partial month. */
  readonly note: string;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export function lastMonths(months: number, today = new Date()): MonthWindow {
  const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (months - 1), 1));
  const lastDayOfMonth = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  const currentMonth = day(end).slice(0, 7);
  const partial = end.getUTCDate() !== lastDayOfMonth;
  // Whether the month starting at `monthStart` (an ISO timestamp) is only partly in the window.
  const isPartial = (monthStart: string) => partial && monthStart.slice(0, 7) === currentMonth;
  return {
    dateRange: [day(start), day(end)],
    label: (monthStart) => `${monthLabel(monthStart)}${isPartial(monthStart) ? ' (so far)' : ''}`,
    note: partial ? `The last month runs to ${day(end)} only (marked "so far").` : '',
  };
}
