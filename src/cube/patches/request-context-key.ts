import { createHash } from 'node:crypto';

/** JSON with every object's keys in order, so equal contexts give equal text whatever order their claims came in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined && typeof item !== 'function')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// Worked out once per context object: a context is one request's (or one SQL API session's, whose
// security context cannot change) and is not changed once built; Cube memoizes its own hash on it alike.
const keys = new WeakMap<object, string>();

/**
 * A digest of everything a request's context holds except its request id
 * (which names one request and never changes what a policy decides): the
 * whole security context, every claim of it, and the rest of Cube's context.
 * Two requests share a cached decision only when these are equal.
 */
export function requestContextKey(context: Record<string, unknown>): string {
  let key = keys.get(context);
  if (key === undefined) {
    const { requestId: _requestId, __hash: _memo, ...rest } = context;
    key = createHash('sha256').update(canonicalJson(rest)).digest('hex');
    keys.set(context, key);
  }
  return key;
}

