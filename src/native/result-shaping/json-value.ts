/**
 * Plain JSON values out of whatever JavaScript the gateway passes through.
 *
 * Cube's Rust module reads these fields into typed structures: an absent or
 * null optional field is left out of the response, and inside free-form values
 * an `undefined` becomes `null` (JSON.stringify would drop it instead).
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Whether toJsonValue would give the value back as it is: plain JSON data all the
 * way down (no undefined, non-finite number, bigint, function or symbol, no object
 * with a toJSON such as a Date, no array hole, no own `__proto__` key). Such a
 * value is used as it is instead of copied: the response only writes it out.
 */
function isPlainJson(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
          if (!(index in value) || !isPlainJson(value[index])) return false;
        }
        return true;
      }
      for (const key of Object.keys(value)) {
        if (key === '__proto__' || !isPlainJson((value as Record<string, unknown>)[key])) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

export function toJsonValue(value: unknown): JsonValue {
  if (isPlainJson(value)) return value as JsonValue;
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
