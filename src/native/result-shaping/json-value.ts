/**
 * Plain JSON values out of whatever JavaScript the gateway passes through.
 *
 * Cube's Rust module reads these fields into typed structures: an absent or
 * null optional field is left out of the response, and inside free-form values
 * an `undefined` becomes `null` (JSON.stringify would drop it instead).
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function toJsonValue(value: unknown): JsonValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toJSON();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== 'function' && typeof item !== 'symbol') out[key] = toJsonValue(item);
    }
    return out;
  }
  return null;
}

/** Copies the listed fields that are neither absent nor null, in the listed order. */
export function pickPresent(source: Record<string, unknown>, fields: readonly string[], convert = toJsonValue) {
  const out: Record<string, JsonValue> = {};
  for (const field of fields) {
    const value = source[field];
    if (value !== undefined && value !== null) out[field] = convert(value);
  }
  return out;
}
