import { createHash, hash } from 'node:crypto';
import { createRequire } from 'node:module';

const INSTALLED = Symbol.for('alma.cache-key-hash-once-per-text');
/** Enough for every key of the answers in flight and the refresh keys they share; the oldest goes first. */
const MOST_TEXTS = 2000;
/** Longer texts are hashed every time: a memo of them would hold more memory than the hash costs. */
const LONGEST_TEXT = 32 * 1024;

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

/** The MD5 of each of the latest texts, kept so that a text hashed again is not digested again. */
export function md5PerText(most = MOST_TEXTS): (text: string) => string {
  const digests = new Map<string, string>();
  return (text) => {
    if (text.length > LONGEST_TEXT) return md5Hex(text);
    let digest = digests.get(text);
    if (digest === undefined) {
      digest = md5Hex(text);
      if (digests.size >= most) digests.delete(digests.keys().next().value as string);
      digests.set(text, digest);
    }
    return digest;
  };
}

/**
 * Cube's orchestrator names each query, its cache entry and its queue item by
 * getCacheHash: the MD5 of the key's JSON text. One answer hashes the same key
 * some ten times (its cache entry and last refresh time, the renewal key, each
 * queue step), and the refresh keys' texts are the same for every answer. Here
 * the JSON text is still made at every call, exactly as Cube makes it, and its
 * digest is kept per text: an equal text has an equal digest, so every name
 * stays what Cube would have made. Anything but an object or a long string
 * (the cases Cube hashes) goes to Cube's own function.
 */
export function installCacheKeyHashOncePerText(): void {
  // The copy of the orchestrator that Cube's server core loads.
  const fromServerCore = createRequire(require.resolve('@cubejs-backend/server-core/dist/src/core/OrchestratorApi.js'));
  const utilsPath = fromServerCore.resolve('@cubejs-backend/query-orchestrator/dist/src/orchestrator/utils.js');
  const utils = fromServerCore(utilsPath) as OrchestratorUtils;
  if (utils[INSTALLED]) return;
  const { getCacheHash } = utils;
  // The process id Cube's getCacheHash falls back on, from the copy of @cubejs-backend/shared it loads.
  const { getProcessUid } = createRequire(utilsPath)('@cubejs-backend/shared') as CubeShared;
  if (typeof getCacheHash !== 'function' || typeof getProcessUid !== 'function') {
    throw new Error('Cube\'s orchestrator has no getCacheHash or getProcessUid: its cache keys cannot be hashed once per text');
  }
  const md5 = md5PerText();
  utils.getCacheHash = function getCacheHashOncePerText(queryKey: unknown, processUid?: string): string {
    const isObject = typeof queryKey === 'object' && queryKey !== null;
    if (!isObject && !(typeof queryKey === 'string' && queryKey.length >= 256)) return getCacheHash(queryKey, processUid);
    const text = JSON.stringify(queryKey) as string | undefined;
    // A key whose text is not a string (a toJSON answering undefined) is Cube's to fail on.
    if (typeof text !== 'string') return getCacheHash(queryKey, processUid);
    // A persistent query is named with the process that runs it, as Cube names it.
    if (isObject && 'persistent' in queryKey && queryKey.persistent) return `${md5(text)}@${processUid || getProcessUid()}`;
    return md5(text);
  };
  utils[INSTALLED] = true;
}
