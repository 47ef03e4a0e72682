import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

const INSTALLED = Symbol.for('alma.span-ids-from-a-counter');

type Logger = (message: string, params: object) => void;

interface CacheOperationOptions {
  requestId?: string;
  primaryQuery?: boolean;
  renewCycle?: boolean;
  renewalKey?: unknown;
}

interface QueryCacheInternals {
  logger: Logger;
  queryCacheKey(cacheKey: unknown): string;
  cacheOperationContext(cacheKey: unknown, expiration: number, options: CacheOperationOptions): object;
  [INSTALLED]?: true;
}

/**
 * A new span id at each call: 32 hex digits, as Cube's 16 random bytes give,
 * made of 16 random ones drawn once for the process and a count.
 */
export function spanIdsFromACounter(): () => string {
  const processPart = randomBytes(8).toString('hex');
  let count = 0;
  return () => {
    count += 1;
    return processPart + count.toString(16).padStart(16, '0');
  };
}

/**
 * Cube's QueryCache opens every cache read (the answer's and each refresh key's)
 * with cacheOperationContext, which draws 16 random bytes from the system for a
 * span id. The id goes nowhere but the cache's and the queue's log events, to
 * tie an operation's events together, so it needs to be unique, not
 * unpredictable: here it comes from a count after a per-process random part.
 * The rest of the context is built as Cube 1.7.43 builds it
 * (test/cube-contract/orchestrator-patches.unit.test.ts holds Cube's text).
 */
export function installSpanIdsFromACounter(): void {
  const fromServerCore = createRequire(require.resolve('@cubejs-backend/server-core/dist/src/core/OrchestratorApi.js'));
  const { QueryCache } = fromServerCore('@cubejs-backend/query-orchestrator/dist/src/orchestrator/QueryCache.js') as
    { QueryCache: { prototype: QueryCacheInternals } };
  const prototype = QueryCache.prototype;
  if (prototype[INSTALLED]) return;
  if (typeof prototype.cacheOperationContext !== 'function' || typeof prototype.queryCacheKey !== 'function') {
    throw new Error('Cube\'s QueryCache has no cacheOperationContext: its span ids cannot be counted');
  }
  const nextSpanId = spanIdsFromACounter();
  prototype.cacheOperationContext = function cacheOperationContextWithCountedSpanId(
    this: QueryCacheInternals, cacheKey: unknown, expiration: number, options: CacheOperationOptions,
  ) {
    const spanId = nextSpanId();
    const logContext = {
      cacheKey,
      requestId: options.requestId,
      spanId,
      primaryQuery: options.primaryQuery,
      renewCycle: options.renewCycle,
    };
    const redisKey = this.queryCacheKey(cacheKey);
    return {
      cacheKey,
      redisKey,
      renewalKey: options.renewalKey && (options.renewalKey === cacheKey ? redisKey : this.queryCacheKey(options.renewalKey)),
      expiration,
      spanId,
      options,
      log: (message: string, extra?: object) => this.logger(message, extra ? { ...logContext, ...extra } : logContext),
    };
  };
  prototype[INSTALLED] = true;
}
