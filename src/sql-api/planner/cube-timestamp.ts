import { SqlApiError } from './plan-error';

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A date or timestamp literal as Cube's local timestamp with milliseconds, which its
 * date filters use as-is. A time zone (Grafana's `...Z`) is converted to UTC, the
 * zone Cube's queries run in; a bare date is the start of that day, or its last
 * millisecond when `endOfDay`.
 */
export function cubeTimestamp(value: string, endOfDay = false): string {
  const m = TIMESTAMP.exec(value.trim());
  if (!m) throw new SqlApiError('22007', `invalid input syntax for type timestamp: "${value}"`);
  const [, date, hh, mi = '00', ss = '00', frac = '', zone] = m;
  if (hh === undefined && endOfDay) return `${date}T23:59:59.999`;
  const local = `${date}T${hh ?? '00'}:${mi}:${ss}.${frac.padEnd(3, '0').slice(0, 3)}`;
  if (!zone) return local;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${local}${offset}`);
  if (Number.isNaN(ms)) throw new SqlApiError('22007', `invalid input syntax for type timestamp: "${value}"`);
  return new Date(ms).toISOString().replace('Z', '');
}

/** Whether a timestamp text has no time part (a date). */
export function isBareDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value.trim());
}
