/**
 * Formatting for PostgreSQL's COPY text format on the hot path: values are
 * escaped once when pools are built, and dates come from lookup tables
 * instead of Date objects.
 */

/** The COPY text form of NULL. */
export const COPY_NULL = '\\N';

const SECONDS_PER_DAY = 86_400;

/** Escapes the characters COPY text format gives a meaning to. */
export function escapeCopyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

const FIRST_DAY = Date.UTC(1900, 0, 1) / 86_400_000;
const LAST_DAY = Date.UTC(2200, 0, 1) / 86_400_000;
// Built once at load (some 110,000 short strings); a Date per value costs more than the rest of a row.
const dayTexts = Array.from({ length: LAST_DAY - FIRST_DAY }, (_, i) => new Date((FIRST_DAY + i) * 86_400_000).toISOString().slice(0, 10));
const clockTexts = Array.from({ length: 1440 }, (_, minute) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:`);

const secondTexts = Array.from({ length: 60 }, (_, s) => String(s).padStart(2, '0'));

/** Days since 1970-01-01 for an ISO date (YYYY-MM-DD), in UTC. */
export function dayNumber(isoDate: string): number {
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate) {
    throw new Error(`"${isoDate}" is not a date in the form YYYY-MM-DD`);
  }
  return ms / 86_400_000;
}

/** `YYYY-MM-DD` for a day number. */
export function dayText(day: number): string {
  const text = dayTexts[day - FIRST_DAY];
  if (text === undefined) throw new Error(`day ${day} is outside the years 1900-2199`);
  return text;
}

/** A timestamptz literal in UTC for whole seconds since 1970. */
export function momentText(seconds: number): string {
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  const inDay = seconds - day * SECONDS_PER_DAY;
  return `${dayText(day)} ${clockTexts[Math.floor(inDay / 60)]}${secondTexts[inDay % 60]}+00`;
}

/** Amount in cents as numeric text. */
export function amountText(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents - whole * 100;
  return `${whole}.${rest < 10 ? '0' : ''}${rest}`;
}
