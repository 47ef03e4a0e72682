import { describe, expect, it } from 'vitest';
import { pickPresent, toJsonValue, type JsonValue } from '../../src/native/result-shaping/json-value';

/** toJsonValue as it was before plain values were passed through: a copy every time. */
function copied(value: unknown): JsonValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toJSON();
  if (Array.isArray(value)) return value.map(copied);
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== 'function' && typeof item !== 'symbol') out[key] = copied(item);
    }
    return out;
  }
  return null;
}

const plain = { measures: ['users.count'], filters: [{ member: 'users.campus_code', operator: 'notEquals', values: ['bench-1'] }], limit: 10, total: false, x: null, neg: -0 };
// biome-ignore lint/suspicious/noSparseArray: a hole is what is tested
const holed = [1, , 3];
const withToJson = Object.assign([1, 2], { toJSON: () => 'array' });
const inputs: unknown[] = [
  plain, 'text', 0, -0, 1.5, true, null, undefined, Number.NaN, Number.POSITIVE_INFINITY, 12n,
  new Date(Date.UTC(2025, 0, 1)), new Date(Number.NaN), holed, withToJson, { toJSON: () => 'custom', a: 1 },
  { a: undefined, b: () => 1, c: Symbol('s'), d: [undefined, () => 1], e: { f: new Date(0) } },
  JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'), new Map([[1, 2]]), Buffer.from('ab'),
  Object.create({ inherited: 1 }, { own: { value: 2, enumerable: true } }),
];

describe('toJsonValue', () => {
  it('writes out exactly as the copy it made before, for every kind of value', () => {
    for (const input of inputs) {
      expect(JSON.stringify(toJsonValue(input))).toBe(JSON.stringify(copied(input)));
      expect(JSON.stringify(pickPresent({ field: input }, ['field']))).toBe(JSON.stringify(pickPresent({ field: input }, ['field'], copied)));
    }
  });

  it('passes plain JSON data through without copying it', () => {
    expect(toJsonValue(plain)).toBe(plain);
    const mixed = { plain, date: new Date(0) };
    const out = toJsonValue(mixed) as Record<string, JsonValue>;
    expect(out).not.toBe(mixed);
    expect(out.plain).toBe(plain);
    expect(out.date).toBe('1970-01-01T00:00:00.000Z');
  });
});
