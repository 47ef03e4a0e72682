import { createHash, hash } from 'node:crypto';
import { createRequire } from 'node:module';

const INSTALLED = Symbol.for('alma.cache-key-hash-once-per-key');
/** Deeper or larger keys are hashed every time: walking them would cost what the hash costs. */
const MOST_PARTS = 200;
/** Names kept by content: at most this many first strings (the oldest goes first), each with a few keys. */
const MOST_FIRST_STRINGS = 1000;
const MOST_PER_FIRST_STRING = 4;
/** In a key's content, where an array or a plain object begins (its length or key count follows). */
const ARRAY = Symbol('array');
const OBJECT = Symbol('object');

interface CubeShared {
  getProcessUid(): string;
}

interface OrchestratorUtils {
  getCacheHash(queryKey: unknown, processUid?: string): string;
  [INSTALLED]?: true;
}

/** Hex MD5 of `text`, as createHash('md5').update(text).digest('hex') gives it. */
const md5Hex: (text: string) => string = typeof hash === 'function'
  ? (text) => hash('md5', text, 'hex')
  : (text) => createHash('md5').update(text).digest('hex');

const isPlainObject = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && !('toJSON' in value);
};

/**
 * Everything JSON.stringify reads of `key`, in its order: each array (itself, or a mark when
 * `identities` is false; its length, its items), each plain object (itself or a mark, its keys,
 * their values) and each other value. Two keys with the same content (element by element, ===)
 * have the same JSON text. Undefined when the key holds anything else (a Date, a class instance,
 * a toJSON) or is too large to walk.
 */
export function partsOf(key: object, identities = true): unknown[] | undefined {
  const parts: unknown[] = [];
  const walk = (value: unknown): boolean => {
    if (parts.length > MOST_PARTS) return false;
    if (typeof value !== 'object' || value === null) {
      parts.push(value);
      return true;
    }
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype || 'toJSON' in value) return false;
      parts.push(identities ? value : ARRAY, value.length);
      for (let i = 0; i < value.length; i += 1) if (!walk(value[i])) return false;
      return true;
    }
    if (!isPlainObject(value)) return false;
    const keys = Object.keys(value);
    parts.push(identities ? value : OBJECT, keys.length);
    for (const name of keys) {
      parts.push(name);
      if (!walk((value as Record<string, unknown>)[name])) return false;
    }
    return true;
  };
  return walk(key) ? parts : undefined;
}

/** Whether `key` still holds exactly `parts`: the same arrays and objects, lengths, keys and values. */
export function stillHolds(key: object, parts: readonly unknown[]): boolean {
  let at = 0;
  const walk = (value: unknown): boolean => {
    if (parts[at++] !== value) return false;
    if (typeof value !== 'object' || value === null) return true;
    if (Array.isArray(value)) {
      if (parts[at++] !== value.length) return false;
      for (let i = 0; i < value.length; i += 1) if (!walk(value[i])) return false;
      return true;
    }
    const keys = Object.keys(value);
    if (parts[at++] !== keys.length) return false;
    for (const name of keys) {
      if (parts[at++] !== name) return false;
      if (!walk((value as Record<string, unknown>)[name])) return false;
    }
    return true;
  };
  return walk(key) && at === parts.length;
}

/** Whether two contents (partsOf without identities) are the same, element by element. */
function sameContent(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

interface Named {
  readonly parts: readonly unknown[];
  readonly persistent: unknown;
  readonly processUid: string | undefined;
  readonly name: string;
}

/** Whether a name made with `named`'s persistent mark and process id is the name for these: the process counts only for a persistent key. */
const sameSuffix = (named: Omit<Named, 'parts'>, persistent: unknown, processUid: string | undefined): boolean =>
  named.persistent === persistent && (!persistent || named.processUid === processUid);

/**
 * Cube's orchestrator names each query, its cache entry and its queue item by
 * getCacheHash: the MD5 of the key's JSON text. One answer names the same key
 * object some ten times (its cache entry and last refresh time, each queue
 * step: the result list, the queue item, the wait), each time writing its JSON
 * text (long: the SQL with its quotes, the rollup's load SQL) and digesting it.
 * Here the name is kept on the key object, with everything JSON.stringify would
 * read of it (the arrays and objects it holds, their lengths, keys and values):
 * the name is used again only while all of that is still the same, so a key
 * changed in place (Cube marks a key persistent that way) is named afresh. Keys
 * made afresh with equal content (each answer's refresh key, renewal key and
 * query again) are found by that content, item by item, in a bounded map. The
 * process id counts only for a persistent key, as in Cube's name. Every name is
 * the one Cube would give. A key holding anything but arrays,
 * plain objects and plain values is named as Cube names it, each time.
 */
export function installCacheKeyHashOncePerKey(): void {
  // The copy of the orchestrator that Cube's server core loads.
  const fromServerCore = createRequire(require.resolve('@cubejs-backend/server-core/dist/src/core/OrchestratorApi.js'));
  const utilsPath = fromServerCore.resolve('@cubejs-backend/query-orchestrator/dist/src/orchestrator/utils.js');
  const utils = fromServerCore(utilsPath) as OrchestratorUtils;
  if (utils[INSTALLED]) return;
  const { getCacheHash } = utils;
  // The process id Cube's getCacheHash falls back on, from the copy of @cubejs-backend/shared it loads.
  const { getProcessUid } = createRequire(utilsPath)('@cubejs-backend/shared') as CubeShared;
  if (typeof getCacheHash !== 'function' || typeof getProcessUid !== 'function') {
    throw new Error('Cube\'s orchestrator has no getCacheHash or getProcessUid: its cache keys cannot be hashed once');
  }
  const names = new WeakMap<object, Named>();
  // Keys made afresh with the same content (a refresh key's, the renewal key) are found by their first string.
  const byFirstString = new Map<unknown, Named[]>();
  const keep = (key: object, persistent: unknown, processUid: string | undefined, name: string): void => {
    const parts = partsOf(key);
    if (parts) names.set(key, { parts, persistent, processUid, name });
  };
  utils.getCacheHash = function getCacheHashOnce(queryKey: unknown, processUid?: string): string {
    const isObject = typeof queryKey === 'object' && queryKey !== null;
    if (!isObject) {
      if (typeof queryKey === 'string' && queryKey.length >= 256) return md5Hex(JSON.stringify(queryKey));
      return getCacheHash(queryKey, processUid);
    }
    const persistent = 'persistent' in queryKey ? queryKey.persistent : undefined;
    const named = names.get(queryKey);
    if (named && sameSuffix(named, persistent, processUid) && stillHolds(queryKey, named.parts)) return named.name;
    const content = partsOf(queryKey, false);
    const firstString = content?.find((part) => typeof part === 'string');
    const sameContentNamed = content && byFirstString.get(firstString)
      ?.find((kept) => sameSuffix(kept, persistent, processUid) && sameContent(kept.parts, content));
    if (sameContentNamed) {
      keep(queryKey, persistent, processUid, sameContentNamed.name);
      return sameContentNamed.name;
    }
    const text = JSON.stringify(queryKey) as string | undefined;
    // A key whose text is not a string (a toJSON answering undefined) is Cube's to fail on.
    if (typeof text !== 'string') return getCacheHash(queryKey, processUid);
    // A persistent query is named with the process that runs it, as Cube names it.
    const name = persistent ? `${md5Hex(text)}@${processUid || getProcessUid()}` : md5Hex(text);
    keep(queryKey, persistent, processUid, name);
    if (content) {
      let kept = byFirstString.get(firstString);
      if (!kept) {
        if (byFirstString.size >= MOST_FIRST_STRINGS) byFirstString.delete(byFirstString.keys().next().value);
        kept = [];
        byFirstString.set(firstString, kept);
      }
      if (kept.length >= MOST_PER_FIRST_STRING) kept.shift();
      kept.push({ parts: content, persistent, processUid, name });
    }
    return name;
  };
  utils[INSTALLED] = true;
}
