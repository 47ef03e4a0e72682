import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';
import { describe, expect, it, vi } from 'vitest';
import { installCacheKeyHashOncePerKey } from '../../src/cube/patches/cache-key-hash-once-per-key';
import { installSpanIdsFromACounter } from '../../src/cube/patches/span-ids-from-a-counter';
import { installMemoryQueueKeptInOrder } from '../../src/cube/patches/memory-queue-kept-in-order';
import { installPreAggregationVersionsOncePerText } from '../../src/cube/patches/pre-aggregation-versions-once-per-text';
import { installVersionEntriesPerTablesList } from '../../src/cube/patches/version-entries-per-tables-list';

// What the query-orchestrator patches of the request path (src/cube/patches/install-request-caches.ts) rely
// on in Cube 1.7.43: how getCacheHash names a key and that every caller looks it up on the module at each
// call. Read from the installed source, and the patches exercised against Cube's own functions (they change
// no value, so installing them here disturbs no other test).
const require = createRequire(__filename);
// Cube's QueryCache loads our TypeScript stand-in of its native module (src/native) through Node's require.
register();
const orchestrator = '@cubejs-backend/query-orchestrator/dist/src/orchestrator';
const sourceOf = (module: string) => readFileSync(require.resolve(`${orchestrator}/${module}`), 'utf8');

describe("Cube's getCacheHash, as cache-key-hash-once-per-key.ts keeps its names", () => {
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

  it('gives every key the name Cube gives it, named again or not, changed in place or not', () => {
    const utils = require(`${orchestrator}/utils.js`) as { getCacheHash(key: unknown, processUid?: string): string };
    const stock = utils.getCacheHash;
    const values = ['MAIN'];
    const options = { external: false, renewalThreshold: 60 };
    const query = ['SELECT * FROM t WHERE a = $1', values, [['CREATE TABLE r AS SELECT 1', []]], options];
    const persistent = Object.assign(['SELECT 1', ['a']], { persistent: true });
    const keys: unknown[] = [
      query, ['SELECT * FROM t WHERE a = $1', ['LAW'], []], persistent, Object.assign(['SELECT 1', ['a']], { persistent: false }),
      { query: 'x', values: ['é', '\u{1F600}', '\ud800', undefined, null, 1.5, -0, true], nested: { a: [[]] } }, 'short key', 'x'.repeat(300), [], {},
      ['x'.repeat(40_000)], [new Date(0), 'a'], [{ toJSON: () => 'b' }], Array.from({ length: 500 }, (_, i) => i), Object.assign(new Array<number>(2), { 1: 1 }),
    ];
    const names = () => keys.flatMap((key) => [utils.getCacheHash(key), utils.getCacheHash(key, 'uid-1')]);
    const expected = names();
    installCacheKeyHashOncePerKey();
    expect(utils.getCacheHash).not.toBe(stock);
    for (let round = 0; round < 3; round += 1) expect(names()).toEqual(expected);
    // Each change in place, anywhere in a key, gives the name Cube gives the changed key.
    const changes: (() => void)[] = [
      () => { values[0] = 'LAW'; }, () => { values.push('MED'); }, () => { options.external = true; },
      () => { (options as Record<string, unknown>).extra = 1; }, () => { delete (options as Record<string, unknown>).extra; },
      () => { query[0] = 'SELECT 2'; }, () => { query.length = 2; }, () => { (query as unknown as { persistent: boolean }).persistent = true; },
      () => { (query as unknown as { persistent: boolean }).persistent = false; }, () => { persistent.persistent = false; },
      () => { persistent[1] = ['b']; },
    ];
    for (const change of changes) {
      // Named once before the change, so that the name is kept on the key.
      for (const key of [query, persistent]) expect(utils.getCacheHash(key)).toBe(stock(key));
      change();
      for (const key of [query, persistent]) {
        expect(utils.getCacheHash(key)).toBe(stock(key));
        expect(utils.getCacheHash(key, 'uid-2')).toBe(stock(key, 'uid-2'));
      }
    }
    // Keys made afresh: equal content gets Cube's (equal) name, any difference its own.
    const fresh = (): unknown[] => [
      ['SELECT r', [], false, 'default'], ['SELECT r', [], true, 'default'], ['SELECT r', [''], false, 'default'], ['SELECT r', [], false],
      ['SELECT r', [[]], false, 'default'], ['SELECT r', [{}], false, 'default'], ['SELECT r', [{ a: 1, b: 2 }]], ['SELECT r', [{ b: 2, a: 1 }]],
      ['SELECT r', [{ a: 1 }]], ['SELECT r', [{ a: '1' }]], ['SELECT r', [{ a: { b: 1 }, c: 2 }]], ['SELECT r', [{ a: { b: 1, c: 2 } }]], ['SELECT r', [null]], ['SELECT r', [undefined]], [['SELECT r'], []], [[], [], 'SELECT r'],
      Object.assign(['SELECT r', []], { persistent: true }), Object.assign(['SELECT r', []], { persistent: false }),
    ];
    for (let round = 0; round < 3; round += 1) {
      for (const key of fresh()) {
        expect(utils.getCacheHash(key), JSON.stringify(key)).toBe(stock(key));
        expect(utils.getCacheHash(key, 'uid-4'), JSON.stringify(key)).toBe(stock(key, 'uid-4'));
        expect(utils.getCacheHash(key, 'uid-5'), JSON.stringify(key)).toBe(stock(key, 'uid-5'));
      }
    }
    expect(utils.getCacheHash(Object.assign(['SELECT 1'], { persistent: 1 }), 'uid-3')).toMatch(/^[0-9a-f]{32}@uid-3$/);
    // What Cube fails on, it still fails on.
    expect(() => utils.getCacheHash(null)).toThrow(TypeError);
    expect(() => utils.getCacheHash(undefined)).toThrow();
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(() => utils.getCacheHash(cyclic)).toThrow(TypeError);
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

describe("Cube's memory queue, as memory-queue-kept-in-order.ts keeps its lists in order", () => {
  const connectionText = sourceOf('LocalQueueDriverConnection.js');
  const { LocalQueueDriver } = require(`${orchestrator}/LocalQueueDriver.js`);

  it('sorts a list by order, then Object.values order, at each read, and changes the lists only in the methods the patch follows', () => {
    expect(connectionText).toContain([
      '    orderedQueueItems(queueObj, orderFilterLessThan) {',
      '        return Object.values(queueObj)',
      '            .filter((q) => !orderFilterLessThan || q.order < orderFilterLessThan)',
      '            .sort((a, b) => a.order - b.order);',
      '    }',
    ].join('\n'));
    // Every write to a list, by method: the patch takes each method's change from the key it names.
    const writes: Record<string, string[]> = {};
    const awaits = new Set<string>();
    let method = '';
    for (const line of connectionText.split('\n')) {
      method = /^ {4}(?:async )?(\w+)\(/.exec(line)?.[1] ?? method;
      if (/\bawait\b/.test(line)) awaits.add(method);
      const write = /(?:delete )?this\.state\.(active|toProcess|recent|heartBeat)\[(\w+)\](?: =|;)/.exec(line);
      if (write) (writes[method] ??= []).push(`${line.trim().startsWith('delete') ? 'delete ' : ''}${write[1]}[${write[2]}]`);
    }
    expect(writes).toEqual({
      addToQueue: ['toProcess[key]', 'recent[key]'],
      getQueryAndRemove: ['delete active[queryKeyHash]', 'delete heartBeat[queryKeyHash]', 'delete toProcess[queryKeyHash]', 'delete recent[queryKeyHash]'],
      setResultAndRemoveQuery: ['delete active[queryKeyHash]', 'delete heartBeat[queryKeyHash]', 'delete toProcess[queryKeyHash]', 'delete recent[queryKeyHash]'],
      updateHeartBeat: ['heartBeat[queryKeyHash]'],
      retrieveForProcessing: ['active[queryKeyHash]', 'delete toProcess[queryKeyHash]', 'heartBeat[queryKeyHash]'],
    });
    expect(connectionText).toContain('const key = this.redisHash(queryKey);');
    // They change the lists before they return, with no await in between.
    for (const changing of Object.keys(writes)) expect(awaits.has(changing), changing).toBe(false);
    expect([...awaits].sort()).toEqual(['cancelQuery', 'getQueriesToCancel', 'getResultBlocking']);
    expect(connectionText.match(/this\.state\.\w+ =/g)).toBeNull();
  });

  it('answers every read as Cube does, through adds, retrievals, heart beats, results, cancels and orphans', async () => {
    const run = async (prefix: string) => {
      // A fixed sequence from a fixed seed: keys that come back, equal times and priorities, integer-like keys.
      let seed = 7;
      const random = (n: number) => {
        // mulberry32
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) % n;
      };
      let now = 1_700_000_000_000;
      vi.setSystemTime(now);
      const driver = new LocalQueueDriver({ redisQueuePrefix: prefix, concurrency: 3, continueWaitTimeout: 1, heartBeatTimeout: 1, orphanedTimeout: 2, processUid: 'p' });
      const connection = await driver.createConnection();
      const keys = [...Array.from({ length: 12 }, (_, i) => ['SELECT 1', [`v${i}`]]), '42', '7', 'short'];
      const reads: unknown[] = [];
      let cancels = 0;
      for (let step = 0; step < 3000; step += 1) {
        const queryKey = keys[random(keys.length)];
        const hash = connection.redisHash(queryKey);
        const queueId = connection.state.queryDef[hash]?.queueId;
        switch (random(7)) {
          case 0:
          case 1:
            reads.push(await connection.addToQueue(queryKey, 'query', {}, [-10, 0, 0, 10][random(4)], { queueId: step, orphanedTimeout: random(3) === 0 ? 1 : undefined }));
            break;
          case 2:
            reads.push(await connection.retrieveForProcessing(hash, random(4) === 0 ? -1 : queueId));
            break;
          case 3:
            reads.push(await connection.setResultAndRemoveQuery(hash, { result: step }, queueId));
            break;
          case 4:
            await connection.updateHeartBeat(hash, queueId);
            break;
          case 5:
            reads.push(random(2) ? await connection.cancelQuery(queryKey, queueId) : await connection.getQueryAndRemove(hash, queueId));
            break;
          default:
            break;
        }
        now += [0, 0, 1, 3, 700][random(5)] ?? 0;
        vi.setSystemTime(now);
        const toCancel = await connection.getQueriesToCancel();
        cancels += toCancel.length;
        reads.push(await connection.getActiveAndToProcess(), toCancel, await connection.getQueryStageState(true),
          await connection.getToProcessQueries(), await connection.getActiveQueries());
      }
      expect(cancels).toBeGreaterThan(50);
      return JSON.stringify(reads);
    };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const stock = await run('ORDER_TEST_STOCK');
      installMemoryQueueKeptInOrder();
      expect(require(`${orchestrator}/LocalQueueDriverConnection.js`).LocalQueueDriverConnection.prototype.orderedQueueItems.name).toBe('orderedQueueItemsKept');
      const kept = await run('ORDER_TEST_KEPT');
      expect(kept.length).toBeGreaterThan(100_000);
      // The sequence reaches what the order could get wrong: queries run, and orphaned or stalled ones.
      expect((stock.match(/"active":/g) ?? []).length).toBeGreaterThan(50);
      expect(kept).toBe(stock);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("Cube's rollup versions, as pre-aggregation-versions-once-per-text.ts keeps them", () => {
  it('are the MD5 of the key text made into a name, looked up on the module by the loader at each call', () => {
    const text = sourceOf('PreAggregations.js');
    expect(text).toContain('exports.version = version;');
    expect(text).toContain('exports.getStructureVersion = getStructureVersion;');
    expect(text).toContain("const digestBuffer = crypto_1.default.createHash('md5').update(JSON.stringify(cacheKey)).digest();");
    const start = text.indexOf('function getStructureVersion(preAggregation) {');
    expect(text.slice(start, text.indexOf('\n}\n', start) + 2).replace(/\s+/g, ' ').trim()).toBe([
      'function getStructureVersion(preAggregation) {',
      'const versionArray = [preAggregation.structureVersionLoadSql || preAggregation.loadSql];',
      'if (preAggregation.indexesSql?.length) { versionArray.push(preAggregation.indexesSql); }',
      'if (preAggregation.streamOffset) { versionArray.push(preAggregation.streamOffset); }',
      'if (preAggregation.outputColumnTypes) { versionArray.push(preAggregation.outputColumnTypes); }',
      'return version(versionArray.length === 1 ? versionArray[0] : versionArray);',
      '}',
    ].join(' '));
    const loader = sourceOf('PreAggregationLoader.js');
    expect(loader.match(/\(0, PreAggregations_1\.getStructureVersion\)\(this\.preAggregation\)/g)).toHaveLength(2);
    expect(loader).toContain('return (0, PreAggregations_1.version)(versionArray);');
    expect(loader).not.toMatch(/\{[^}]*\b(version|getStructureVersion)\b[^}]*\}\s*=\s*require/);
  });

  it('give every rollup the versions Cube gives it, and a new content version as soon as a refresh key moves', () => {
    const preAggregations = require(`${orchestrator}/PreAggregations.js`) as {
      version(key: unknown): string; getStructureVersion(preAggregation: object): string;
    };
    const { version: stockVersion, getStructureVersion: stockStructure } = preAggregations;
    const descriptions: object[] = [
      { loadSql: ['CREATE TABLE t AS SELECT 1', []] },
      { loadSql: ['CREATE TABLE t AS SELECT 1', []], structureVersionLoadSql: ['CREATE TABLE t AS SELECT 2', []] },
      { loadSql: ['CREATE TABLE t AS SELECT 1', []], indexesSql: [{ sql: ['CREATE INDEX i', []] }], streamOffset: 'earliest', outputColumnTypes: [{ name: 'a', type: 'int' }] },
      { loadSql: ['CREATE TABLE t AS SELECT 1', []], indexesSql: [] },
    ];
    const contents = [['CREATE TABLE t AS SELECT 1', [[{ refresh_key: '1' }]]], ['CREATE TABLE t AS SELECT 1', [[{ refresh_key: '2' }]]], 'x', { a: 'é' }];
    const expected = [...descriptions.map(stockStructure), ...contents.map(stockVersion)];
    installPreAggregationVersionsOncePerText();
    expect(preAggregations.version).not.toBe(stockVersion);
    expect(preAggregations.getStructureVersion).not.toBe(stockStructure);
    for (let round = 0; round < 3; round += 1) {
      expect([...descriptions.map(preAggregations.getStructureVersion), ...contents.map(preAggregations.version)]).toEqual(expected);
    }
    expect(expected[4]).not.toBe(expected[5]);
    expect(() => preAggregations.version(undefined)).toThrow();
  });
});

describe("Cube's version entries, as version-entries-per-tables-list.ts keeps them", () => {
  const { PreAggregationLoadCache } = require(`${orchestrator}/PreAggregationLoadCache.js`);
  const { PreAggregations } = require(`${orchestrator}/PreAggregations.js`);

  it('are worked out from the tables list and the queued builds alone, and only read by their users', () => {
    const text = sourceOf('PreAggregationLoadCache.js');
    const start = text.indexOf('    async calculateVersionEntries(preAggregation) {');
    expect(text.slice(start, text.indexOf('\n    }\n', start) + 6).replace(/\s+/g, ' ').trim()).toBe([
      'async calculateVersionEntries(preAggregation) {',
      'let versionEntries = (0, PreAggregations_1.tablesToVersionEntries)(preAggregation.preAggregationsSchema, await this.getTablesQuery(preAggregation));',
      '// It presumes strong consistency guarantees for external pre-aggregation tables ingestion',
      'if (!preAggregation.external) { const [, , queries] = await this.fetchQueryStageState();',
      'const targetTableNamesInQueue = (Object.keys(queries)) .map(q => PreAggregations_1.PreAggregations.targetTableName(queries[q].query.newVersionEntry));',
      'versionEntries = versionEntries.filter(e => targetTableNamesInQueue.indexOf(PreAggregations_1.PreAggregations.targetTableName(e)) === -1); }',
      'const byContent = {}; const byStructure = {}; const byTableName = {};',
      'versionEntries.forEach(e => { const contentKey = `${e.table_name}_${e.content_version}`; if (!byContent[contentKey]) { byContent[contentKey] = e; }',
      'const structureKey = `${e.table_name}_${e.structure_version}`; if (!byStructure[structureKey]) { byStructure[structureKey] = e; }',
      'if (!byTableName[e.table_name]) { byTableName[e.table_name] = e; } });',
      'return { versionEntries, byContent, byStructure, byTableName };',
      '}',
    ].join(' '));
    // The tables list is the cache driver's own object until the tables are fetched again.
    expect(text).toContain('let tables = forceRenew ? null : await this.queryCache.getCacheDriver().get(this.tablesCachePrefixKey(preAggregation));');
    expect(sourceOf('LocalCacheDriver.js')).toContain('return this.store[key] && this.store[key].value;');
    // Nobody writes to an entry or an index.
    for (const module of ['PreAggregationLoader.js', 'PreAggregations.js', 'QueryOrchestrator.js', 'PreAggregationPartitionRangeLoader.js']) {
      expect(sourceOf(module), module).not.toMatch(/\b(versionEntry|versionEntries|lastVersion|byContent|byStructure|byTableName)(\.\w+|\[[^\]]+\])+ = /);
    }
  });

  it('are the entries Cube works out, again while the list and the queued builds are the same, afresh when either changes', async () => {
    const stock = PreAggregationLoadCache.prototype.calculateVersionEntries;
    const tables = [
      { table_name: 'users_by_group_abc_def_1700000000000' }, { table_name: 'users_by_group_abc_xyz_1600000000000' },
      { table_name: 'users_by_group_ghi_def_ld8a1b2' }, { table_name: 'not a rollup table' }, { TABLE_NAME: 'loans_daily_abc_def_1500000000000', build_range_end: '2024-01-01' },
    ];
    const queued = (tableName: string | undefined) => (tableName ? { a: { query: { newVersionEntry: { table_name: tableName, content_version: 'abc', structure_version: 'def', last_updated_at: 1700000000000 } } } } : {});
    const loadCache = (list: unknown, inQueue: string | undefined) => ({ getTablesQuery: async () => list, fetchQueryStageState: async () => [[], [], queued(inQueue)] });
    const cases: [unknown, string | undefined, boolean][] = [
      [tables, undefined, false], [tables, 'pre_aggregations.users_by_group', false], [tables, 'pre_aggregations.users_by_group', true], [tables, 'pre_aggregations.other', false],
    ];
    const preAggregation = (external: boolean) => ({ preAggregationsSchema: 'pre_aggregations', external });
    const expected = await Promise.all(cases.map(([list, inQueue, external]) => stock.call(loadCache(list, inQueue), preAggregation(external))));
    installVersionEntriesPerTablesList();
    const patched = PreAggregationLoadCache.prototype.calculateVersionEntries;
    expect(patched).not.toBe(stock);
    for (let round = 0; round < 2; round += 1) {
      const got = await Promise.all(cases.map(([list, inQueue, external]) => patched.call(loadCache(list, inQueue), preAggregation(external))));
      expect(got).toEqual(expected);
    }
    expect(expected[1].versionEntries.length).toBeLessThan(expected[0].versionEntries.length);
    const first = await patched.call(loadCache(tables, undefined), preAggregation(false));
    expect(await patched.call(loadCache(tables, undefined), preAggregation(false))).toBe(first);
    expect(await patched.call(loadCache([...tables], undefined), preAggregation(false))).not.toBe(first);
    expect(await patched.call(loadCache(tables, 'pre_aggregations.users_by_group'), preAggregation(false))).not.toBe(first);
    // A table list that is no object is Cube's to fail on, as before.
    await expect(patched.call(loadCache(undefined, undefined), preAggregation(false))).rejects.toThrow(TypeError);
    await expect(stock.call(loadCache(undefined, undefined), preAggregation(false))).rejects.toThrow(TypeError);
    expect(PreAggregations.targetTableName).toBeTypeOf('function');
  });
});
