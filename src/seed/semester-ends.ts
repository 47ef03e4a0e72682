import { dayNumber } from './copy-text';

/**
 * Day numbers of the semester ends (given as MM-DD) from 1990 to 2099, sorted,
 * so an expiry date can move to the next one with a binary search instead of
 * date arithmetic on the hot path.
 */
export function semesterEnds(monthDays: readonly string[]): number[] {
  const days: number[] = [];
  for (let year = 1990; year < 2100; year++) for (const monthDay of monthDays) days.push(dayNumber(`${year}-${monthDay}`));
  return days.sort((a, b) => a - b);
}

/** The first of the sorted `ends` on or after `day`. */
export function nextSemesterEnd(ends: readonly number[], day: number): number {
  let low = 0;
  let high = ends.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ends[middle]! < day) low = middle + 1;
    else high = middle;
  }
  return ends[low]!;
}
