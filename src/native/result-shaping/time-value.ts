/**
 * Time values as Cube's REST API sends them: `YYYY-MM-DDTHH:MM:SS.mmm`, no zone.
 *
 * Only string values of members typed `time` are touched, and only when they
 * parse as one of the layouts Cube's Rust module recognises; anything else goes
 * out exactly as the database sent it. Like Cube, a value carrying an offset
 * keeps its wall-clock time: the offset is dropped, not applied.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const SPACE_SEPARATED = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?(?: (?:[+-]\d{2}:\d{2}|\S+))?$/;
const T_SEPARATED_WHOLE_SECONDS = /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{1,2}):(\d{1,2})()$/;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function isRealDateTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function reformat(match: RegExpExecArray): string | undefined {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as
    [number, number, number, number, number, number];
  if (!isRealDateTime(year, month, day, hour, minute, second)) return undefined;
  // Milliseconds are truncated, never rounded, as Cube does.
  const millis = (match[7] ?? '').slice(0, 3).padEnd(3, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${millis}`;
}

/** One database value of a member of the given type, as the REST API sends it. */
export function formatTimeValue<T>(value: T, memberType: string | null | undefined): T | string {
  if (memberType !== 'time' || typeof value !== 'string') return value;
  for (const layout of [RFC3339, SPACE_SEPARATED, T_SEPARATED_WHOLE_SECONDS]) {
    const match = layout.exec(value);
    const formatted = match ? reformat(match) : undefined;
    if (formatted !== undefined) return formatted;
  }
  return value;
}
