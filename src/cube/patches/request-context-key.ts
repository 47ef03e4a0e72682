import { hash } from 'node:crypto';

/**
 * JSON with every object's keys in order, so equal contexts give equal text whatever order their
 * claims came in. `seen` holds the text of objects already written in this context (Cube puts the
 * security context in it twice, as securityContext and authInfo); at the top level the request id
 * and Cube's memoized hash are left out.
 */
function canonicalJson(value: unknown, seen: Map<object, string>, top = false): string {
  if (value === null || typeof value !== 'object' || value instanceof Date) return JSON.stringify(value) ?? 'null';
  let text = seen.get(value);
  if (text !== undefined) return text;
  if (Array.isArray(value)) {
    text = '[';
    for (let index = 0; index < value.length; index += 1) text += `${index === 0 ? '' : ','}${canonicalJson(value[index] ?? null, seen)}`;
    text += ']';
  } else {
    text = '{';
    let first = true;
    for (const key of Object.keys(value).sort()) {
      if (top && (key === 'requestId' || key === '__hash')) continue;
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined || typeof item === 'function') continue;
      text += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item, seen)}`;
      first = false;
    }
    text += '}';
  }
  seen.set(value, text);
  return text;
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
    key = hash('sha256', canonicalJson(context, new Map(), true), 'hex');
    keys.set(context, key);
  }
  return key;
}
