import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';
import { describe, expect, it } from 'vitest';
import { installCacheKeyHashOncePerText, md5PerText } from '../../src/cube/patches/cache-key-hash-once-per-text';
import { installSpanIdsFromACounter } from '../../src/cube/patches/span-ids-from-a-counter';

// What the query-orchestrator patches of the request path (src/cube/patches/install-request-caches.ts) rely
// on in Cube 1.7.43: how getCacheHash names a key and that every caller looks it up on the module at each
// call. Read from the installed source, and the patches exercised against Cube's own functions (they change
// no value, so installing them here disturbs no other test).
const require = createRequire(__filename);
// Cube's QueryCache loads our TypeScript stand-in of its native module (src/native) through Node's require.
register();
const orchestrator = '@cubejs-backend/query-orchestrator/dist/src/orchestrator';
const sourceOf = (module: string) => readFileSync(require.resolve(`${orchestrator}/${module}`), 'utf8');

describe("Cube's getCacheHash, as cache-key-hash-once-per-text.ts keeps its digests", () => {
  it('is release 1.7.43, a writable export looked up by each caller at each call', () => {
    expect(require('@cubejs-backend/query-orchestrator/package.json').version).toBe('1.7.43');
    const utils = sourceOf('utils.js');
    expect(utils).toContain('exports.getCacheHash = getCacheHash;');
    expect(sourceOf('BaseQueueDriver.js')).toContain('return (0, utils_1.getCacheHash)(queryKey, this.processUid);');
    expect(sourceOf('QueryCache.js')).toContain("return this.getKey('SQL_QUERY_RESULT', (0, utils_1.getCacheHash)(cacheKey));");
    for (const module of ['QueryQueue.js', 'LocalQueueDriverConnection.js', 'PreAggregations.js', 'PreAggregationLoader.js', 'PreAggregationLoadCache.js']) {
      expect(sourceOf(module), module).not.toContain('getCacheHash');
    }
  });

  it('names a key by the MD5 of its JSON text, with the process after a persistent one, and a short string by itself', () => {
    const utils = sourceOf('utils.js');
    const body = utils.slice(utils.indexOf('function getCacheHash('), utils.indexOf('\n}\n', utils.indexOf('function getCacheHash(')));
    expect(body.replace(/\s+/g, ' ')).toBe([
      'function getCacheHash(queryKey, processUid) {',
      'processUid = processUid || (0, shared_1.getProcessUid)();',
      "if (typeof queryKey === 'string' && queryKey.length < 256) { return queryKey; }",
      "if (typeof queryKey === 'object' && 'persistent' in queryKey && queryKey.persistent) {",
      "return `${crypto_1.default .createHash('md5') .update(JSON.stringify(queryKey)) .digest('hex')}@${processUid}`; }",
      "else { return crypto_1.default .createHash('md5') .update(JSON.stringify(queryKey)) .digest('hex'); }",
    ].join(' '));
  });

  it('gives every key the name Cube gives it, hashed again or not', () => {
    const utils = require(`${orchestrator}/utils.js`) as { getCacheHash(key: unknown, processUid?: string): string };
    const stock = utils.getCacheHash;
    const persistent = Object.assign(['SELECT 1', ['a']], { persistent: true });
    const notPersistent = Object.assign(['SELECT 1', ['a']], { persistent: false });
    const keys: unknown[] = [
      ['SELECT * FROM t WHERE a = $1', ['MAIN'], []], ['SELECT * FROM t WHERE a = $1', ['LAW'], []], persistent, notPersistent,
      { query: 'x', values: ['é', '\u{1F600}', '\ud800'] }, 'short key', 'x'.repeat(300), [], {}, ['x'.repeat(40_000)],
    ];
    const expected = keys.flatMap((key) => [stock(key), stock(key, 'uid-1')]);
    installCacheKeyHashOncePerText();
    expect(utils.getCacheHash).not.toBe(stock);
    for (let round = 0; round < 3; round += 1) {
      expect(keys.flatMap((key) => [utils.getCacheHash(key), utils.getCacheHash(key, 'uid-1')])).toEqual(expected);
    }
    expect(utils.getCacheHash(persistent, 'uid-2')).toMatch(/^[0-9a-f]{32}@uid-2$/);
    // What Cube fails on, it still fails on.
    expect(() => utils.getCacheHash(null)).toThrow(TypeError);
    expect(() => utils.getCacheHash(undefined)).toThrow();
  });

  it('keeps a bounded number of digests, the latest texts', () => {
    const md5 = md5PerText(2);
    const first = md5('a');
    expect(md5('b')).toBe('92eb5ffee6ae2fec3ad71c777531578f');
    expect(md5('c')).toBe('4a8a08f09d37b73795649038408b5f33');
    expect(md5('a')).toBe(first);
    expect(first).toBe('0cc175b9c0f1b6a831c399e269772661');
  });
});

describe("Cube's cacheOperationContext, as span-ids-from-a-counter.ts builds it", () => {
  const cubeText = [
    'cacheOperationContext(cacheKey, expiration, options) {',
    "const spanId = crypto_1.default.randomBytes(16).toString('hex');",
    'const logContext = { cacheKey, requestId: options.requestId, spanId, primaryQuery: options.primaryQuery, renewCycle: options.renewCycle, };',
    'const redisKey = this.queryCacheKey(cacheKey);',
    'return { cacheKey, redisKey,',
    '// Refresh key entries renew against their own key, so hashing it a second time is wasted work',
    'renewalKey: options.renewalKey && (options.renewalKey === cacheKey ? redisKey : this.queryCacheKey(options.renewalKey)),',
    'expiration, spanId, options, log: (message, extra) => this.logger(message, extra ? { ...logContext, ...extra } : logContext), };',
    '}',
  ].join(' ');
  const { QueryCache } = require(`${orchestrator}/QueryCache.js`);

  it('is the method of release 1.7.43 that the patch repeats, with a random span id used only in log events', () => {
    const text = sourceOf('QueryCache.js');
    const start = text.indexOf('    cacheOperationContext(cacheKey, expiration, options) {');
    expect(text.slice(start, text.indexOf('\n    }\n', start) + 6).replace(/\s+/g, ' ').trim()).toBe(cubeText);
    // The span id travels to the queue's options and into log events, nowhere else.
    expect(text.match(/spanId/g)).toHaveLength(9);
    expect(sourceOf('QueryQueue.js').match(/spanId/g)).toHaveLength(8);
    expect(sourceOf('QueryQueue.js').match(/spanId: options\.spanId,/g)).toHaveLength(4);
  });

  it('builds the same context, with a new 32-hex-digit span id each time', () => {
    const stock = QueryCache.prototype.cacheOperationContext;
    const logged: object[] = [];
    const cache = { logger: (message: string, params: object) => logged.push({ message, params }), queryCacheKey: (key: unknown) => `K:${JSON.stringify(key)}` };
    const key = ['SELECT 1', []];
    const cases = [{ requestId: 'r1', primaryQuery: true }, { renewalKey: key, renewCycle: true }, { renewalKey: ['other'] }, {}];
    const without = ({ spanId, log, ...rest }: { spanId: string; log: unknown }) => rest;
    const before = cases.map((options) => stock.call(cache, key, 60, options));
    installSpanIdsFromACounter();
    expect(QueryCache.prototype.cacheOperationContext).not.toBe(stock);
    const after = cases.map((options) => QueryCache.prototype.cacheOperationContext.call(cache, key, 60, options));
    expect(after.map(without)).toEqual(before.map(without));
    const spanIds = after.map((context: { spanId: string }) => context.spanId);
    for (const spanId of spanIds) expect(spanId).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(spanIds).size).toBe(spanIds.length);
    before[0].log('Found', { time: 1 });
    after[0].log('Found', { time: 1 });
    after[1].log('Renewed');
    expect(logged).toEqual([
      { message: 'Found', params: { cacheKey: key, requestId: 'r1', spanId: before[0].spanId, primaryQuery: true, renewCycle: undefined, time: 1 } },
      { message: 'Found', params: { cacheKey: key, requestId: 'r1', spanId: after[0].spanId, primaryQuery: true, renewCycle: undefined, time: 1 } },
      { message: 'Renewed', params: { cacheKey: key, requestId: undefined, spanId: after[1].spanId, primaryQuery: undefined, renewCycle: true } },
    ]);
  });
});
