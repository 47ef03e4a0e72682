import { SqlApiError, SQLSTATE } from '../sql-api-error';

/** Microseconds and days are counted from PostgreSQL's epoch, 2000-01-01. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const INT64_MAX = 0x7fffffffffffffffn;
const INT64_MIN = -0x8000000000000000n;

/** A fixed-size binary value written by `write`. */
export function fixed(size: number, write: (b: Buffer) => void): Buffer {
  const b = Buffer.alloc(size);
  write(b);
  return b;
}

/** numeric's binary form: base-10000 digit groups, weight, sign and display scale. */
export function binaryNumeric(text: string): Buffer {
  const header = (ndigits: number, weight: number, sign: number, dscale: number) => {
    const b = Buffer.alloc(8 + ndigits * 2);
    b.writeInt16BE(ndigits, 0);
    b.writeInt16BE(weight, 2);
    b.writeUInt16BE(sign, 4);
    b.writeInt16BE(dscale, 6);
    return b;
  };
  const value = text.trim();
  if (/^nan$/i.test(value)) return header(0, 0, 0xc000, 0);
  if (/^[+-]?infinity$/i.test(value)) return header(0, 0, value.startsWith('-') ? 0xf000 : 0xd000, 0);
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(value);
  if (!match || (!match[2] && !match[3])) throw new SqlApiError(SQLSTATE.invalidTextRepresentation, `invalid input syntax for type numeric`);
  let [, sign, whole = '', fraction = ''] = match;
  const exponent = Number(match[4] ?? 0);
  // Move the decimal point for an exponent, so only plain digits remain.
  if (exponent > 0) {
    fraction = fraction.padEnd(exponent, '0');
    whole += fraction.slice(0, exponent);
    fraction = fraction.slice(exponent);
  } else if (exponent < 0) {
    whole = whole.padStart(-exponent, '0');
    fraction = whole.slice(whole.length + exponent) + fraction;
    whole = whole.slice(0, whole.length + exponent);
  }
  const dscale = fraction.length;
  whole = whole.replace(/^0+/, '');
  const wholePadded = whole.padStart(Math.ceil(whole.length / 4) * 4, '0');
  const fractionPadded = fraction.padEnd(Math.ceil(fraction.length / 4) * 4, '0');
  const groups: number[] = [];
  for (let i = 0; i < wholePadded.length; i += 4) groups.push(Number(wholePadded.slice(i, i + 4)));
  for (let i = 0; i < fractionPadded.length; i += 4) groups.push(Number(fractionPadded.slice(i, i + 4)));
  let weight = wholePadded.length / 4 - 1;
  // PostgreSQL strips leading and trailing zero groups; zero has no digits at all.
  while (groups.length && groups[0] === 0) {
    groups.shift();
    weight--;
  }
  while (groups.length && groups.at(-1) === 0) groups.pop();
  if (!groups.length) weight = 0;
  const b = header(groups.length, weight, sign === '-' && groups.length ? 0x4000 : 0, dscale);
  groups.forEach((g, i) => b.writeInt16BE(g, 8 + i * 2));
  return b;
}

/** Microseconds since 2000-01-01 of `YYYY-MM-DD[ HH:MM:SS[.ffffff]][+HH[:MM]]` (no offset: UTC). */
function microsecondsOf(text: string): bigint {
  if (text === 'infinity') return INT64_MAX;
  if (text === '-infinity') return INT64_MIN;
  const m = /^(\d{4,})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?( BC)?$/.exec(text.trim());
  if (!m || m[12]) throw new SqlApiError(SQLSTATE.invalidTextRepresentation, `invalid input syntax for type timestamp`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  const offsetMinutes = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11] ?? 0)) : 0;
  const micros = BigInt(Number((m[7] ?? '').padEnd(6, '0')));
  return BigInt(ms - PG_EPOCH_MS - offsetMinutes * 60_000) * 1000n + micros;
}

/** timestamp's and timestamptz's binary form: microseconds since 2000-01-01 UTC. */
export function binaryTimestamp(text: string): Buffer {
  return fixed(8, (b) => b.writeBigInt64BE(microsecondsOf(text)));
}

/** date's binary form: days since 2000-01-01. */
export function binaryDate(text: string): Buffer {
  const days = text === 'infinity' ? 0x7fffffff : text === '-infinity' ? -0x80000000 : Number(microsecondsOf(text) / 1000n) / DAY_MS;
  return fixed(4, (b) => b.writeInt32BE(Math.floor(days)));
}

/** interval's binary form (microseconds, days, months) from PostgreSQL's output in its default IntervalStyle. */
export function binaryInterval(text: string): Buffer {
  let months = 0;
  let days = 0;
  let micros = 0n;
  const rest = text.replace(/([+-]?\d+) (years?|mons?|days?)/g, (_, n: string, unit: string) => {
    if (unit.startsWith('year')) months += Number(n) * 12;
    else if (unit.startsWith('mon')) months += Number(n);
    else days += Number(n);
    return '';
  }).trim();
  if (rest) {
    const m = /^([+-])?(\d+):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(rest);
    if (!m) throw new SqlApiError(SQLSTATE.invalidTextRepresentation, 'invalid input syntax for type interval');
    const [, sign, hh, mi, ss, frac = ''] = m;
    const value = ((BigInt(hh!) * 60n + BigInt(mi!)) * 60n + BigInt(ss!)) * 1_000_000n + BigInt(frac.padEnd(6, '0'));
    micros = sign === '-' ? -value : value;
  }
  return fixed(16, (b) => {
    b.writeBigInt64BE(micros, 0);
    b.writeInt32BE(days, 8);
    b.writeInt32BE(months, 12);
  });
}
