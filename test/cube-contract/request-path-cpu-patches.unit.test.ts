import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installLogRedactionOnlyForWrittenEvents } from '../../src/cube/patches/log-redaction-only-for-written-events';
import { installQueryValidationPerQueryShape, shapeText } from '../../src/cube/patches/query-validation-per-query-shape';
import { answerWith, marksIn } from '../../src/cube/patches/values-into-shape-answer';
import { redactingLogger } from '../../src/cube/redacting-logger';

// What three request-path patches rely on in Cube 1.7.43: that Cube reads its settings through
// @cubejs-backend/shared's getEnv looked up at each call (so environment-read-once.ts reaches every
// reader), that the server core wraps the log sink it is given in withLogRedaction, looked up when the
// core is built (log-redaction-only-for-written-events.ts), and that normalizeQuery validates each query
// with one Joi schema of its own, which checks a filter value by its type alone (query-validation-per-query-shape.ts). Read from the installed source; the
// last two patches exercised (they change no answer, so installing them here disturbs no other test).
const require = createRequire(__filename);
const sourceOf = (module: string) => readFileSync(require.resolve(module), 'utf8');

describe("Cube's settings, as environment-read-once.ts reads them", () => {
  it('are read through getEnv, a writable export of env.js that the package index hands out at each access', () => {
    expect(require('@cubejs-backend/shared/package.json').version).toBe('1.7.43');
    expect(sourceOf('@cubejs-backend/shared/dist/src/env.js')).toContain('exports.getEnv = getEnv;');
    const descriptor = Object.getOwnPropertyDescriptor(require('@cubejs-backend/shared'), 'getEnv');
    expect(descriptor?.get?.toString()).toContain('return env_1.getEnv;');
  });

  it('are read by the gateway and the orchestrator as (0, shared_1.getEnv)(...), never a copy taken at load', () => {
    for (const module of ['@cubejs-backend/api-gateway/dist/src/query.js', '@cubejs-backend/api-gateway/dist/src/gateway.js',
      '@cubejs-backend/query-orchestrator/dist/src/orchestrator/QueryCache.js', '@cubejs-backend/server-core/dist/src/core/server.js']) {
      const text = sourceOf(module);
      expect(text, module).toContain('(0, shared_1.getEnv)(');
      expect(text, module).not.toMatch(/\{[^}]*\bgetEnv\b[^}]*\}\s*=\s*require/);
    }
  });
});

describe("Cube's log redaction, as log-redaction-only-for-written-events.ts limits it", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('wraps the sink it is given (our logger) when the server core is built, through the shared export', () => {
    const core = sourceOf('@cubejs-backend/server-core/dist/src/core/server.js');
    expect(core).toContain('const logger = opts.logger || (0, logger_1.createLogger)(');
    expect(core).toContain("this.logger = (0, shared_1.getEnv)('logRedaction') ? (0, shared_1.withLogRedaction)(logger) : logger;");
    const redaction = sourceOf('@cubejs-backend/shared/dist/src/log-redaction.js');
    expect(redaction).toContain('exports.withLogRedaction = withLogRedaction;');
    expect(redaction).toContain('return (msg, params) => logger(msg, params ? redactLogParams(params) : params);');
  });

  it('still redacts, twice over, each event our logger writes, and skips only the events it drops', () => {
    installLogRedactionOnlyForWrittenEvents();
    const shared = require('@cubejs-backend/shared');
    const redactLogParams = vi.spyOn(require('@cubejs-backend/shared/dist/src/log-redaction.js'), 'redactLogParams');
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    vi.stubEnv('CUBEJS_LOG_LEVEL', 'warn');
    const sink = shared.withLogRedaction(redactingLogger);
    const query = { measures: ['users.count'], filters: [{ member: 'users.last_name', operator: 'equals', values: ['Sm1th-secret'] }] };
    sink('Load Request', { query });
    expect(written).toEqual([]);
    expect(redactLogParams).not.toHaveBeenCalled();
    sink('Error while querying', { error: 'boom', query });
    expect(redactLogParams).toHaveBeenCalledTimes(1);
    expect(written).toHaveLength(1);
    expect(written[0]).toContain('users.last_name');
    expect(written[0]).not.toContain('Sm1th-secret');
    vi.unstubAllEnvs();
  });

  it('wraps any other sink as Cube does', () => {
    installLogRedactionOnlyForWrittenEvents();
    const events: unknown[] = [];
    const sink = require('@cubejs-backend/shared').withLogRedaction((message: string, params: unknown) => events.push([message, params]));
    sink('Load Request', { query: { sql: 'SELECT 1' } });
    expect(events).toHaveLength(1);
  });
});

describe("Cube's query validation, as query-validation-per-query-shape.ts keeps it", () => {
  const { normalizeQuery } = require('@cubejs-backend/api-gateway/dist/src/query.js') as { normalizeQuery(query: object, persistent: boolean): object };
  const outcome = (query: object) => {
    try {
      return { normalized: normalizeQuery(structuredClone(query), false) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  const QUERIES: object[] = [
    { measures: ['users.count'], dimensions: ['users.status'] },
    { measures: ['users.count'], filters: [{ member: 'users.status', operator: 'equals', values: ['ACTIVE'] }], limit: 10 },
    { measures: ['users.count'], limit: 'ten' },
    { measures: 'users.count' },
    { measures: ['users.count'], filters: [{ member: 'users.status', operator: 'nope', values: ['x'] }] },
    { measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'day', dateRange: 'last 7 days' }] },
    { dimensions: [] },
  ];

  it('validates in normalizeQuery with a schema of its own, and nowhere else', () => {
    const text = sourceOf('@cubejs-backend/api-gateway/dist/src/query.js');
    expect(text.match(/querySchema\.validate\(/g)).toHaveLength(1);
    expect(text).toContain('const { error, value } = querySchema.validate(query);');
    expect(text).not.toMatch(/exports\.querySchema/);
    // The validated copy is read for its time zone only; everything else is built from the query itself.
    const body = text.slice(text.indexOf('const normalizeQuery = '), text.indexOf('exports.normalizeQuery = normalizeQuery;'));
    expect(body.match(/\bvalue\.\w+/g)).toEqual(['value.timezone']);
  });

  it('checks filter values by their type alone: any string (the empty one too), null, a number, a boolean or a nested filter', () => {
    const text = sourceOf('@cubejs-backend/api-gateway/dist/src/query.js');
    expect(text).toContain("values: joi_1.default.array().items(joi_1.default.string().allow('', null), joi_1.default.number(), joi_1.default.boolean(), joi_1.default.link('...'))");
    expect(text).toContain('filters: joi_1.default.array().items(oneFilter, oneCondition),');
    expect(text).toContain("or: joi_1.default.array().items(oneFilter, joi_1.default.link('...').description('oneCondition schema')),");
    expect(text).toContain("and: joi_1.default.array().items(oneFilter, joi_1.default.link('...').description('oneCondition schema')),");
    expect(require('@cubejs-backend/api-gateway/package.json').version).toBe('1.7.43');
    expect(createRequire(require.resolve('@cubejs-backend/api-gateway/dist/src/query.js'))('joi/package.json').version).toBe('17.13.9');
  });

  it('gives every query the same normalization or the same refusal as before, however often and in whatever order it is asked', () => {
    const filter = (values: unknown[], operator = 'equals') => ({ member: 'users.status', operator, values });
    const queries: object[] = [...QUERIES];
    for (const values of [['ACTIVE'], ['INACTIVE'], [''], [null], [5], [-0], [2 ** 60], [1e300], [true], [false], ['a', ''], ['', 'a'], [[]], [{}], [undefined], [{ member: 'users.status', operator: 'equals', values: ['x'] }]]) {
      queries.push({ measures: ['users.count'], filters: [filter(values)] });
      queries.push({ measures: ['users.count'], filters: [{ or: [filter(values), { and: [filter(values, 'notEquals')] }] }] });
      queries.push({ measures: ['users.count'], filters: [filter(values, 'nope')] });
    }
    queries.push({ measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', dateRange: '' }] });
    queries.push({ measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', dateRange: 'x' }] });
    const before = queries.map(outcome);
    installQueryValidationPerQueryShape();
    for (const order of [queries, [...queries].reverse(), queries]) {
      const outcomes = order.map((query) => [query, outcome(query)]);
      for (const [query, result] of outcomes) expect(result, JSON.stringify(query)).toEqual(before[queries.indexOf(query as object)]);
    }
    expect(before.filter((result) => 'error' in result).length).toBeGreaterThan(4);
  });

  it('tells a property set to undefined from a missing one, as Joi does', () => {
    installQueryValidationPerQueryShape();
    expect(outcome({ measures: ['users.count'] })).toHaveProperty('normalized');
    expect(() => normalizeQuery({ measures: ['users.count'], unknownKey: undefined }, false)).toThrow(/"unknownKey" is not allowed/);
  });

  it('keys on the exact text of plain data, filter values as what Joi checks of them', () => {
    expect(shapeText({ a: [1, 'x', null, true], b: { c: -0 } })).toBe('{"a":[1,"x",null,true],"b":{"c":-0}}');
    expect(shapeText({ a: undefined })).toBe('{"a":undefined}');
    expect(shapeText({ a: 'undefined' })).toBe('{"a":"undefined"}');
    expect(shapeText({ b: 1, a: 2 })).not.toBe(shapeText({ a: 2, b: 1 }));
    const query = (values: unknown[]) => ({ measures: ['users.count'], filters: [{ or: [{ member: 'users.status', operator: 'equals', values }] }] });
    expect(shapeText(query(['A', 'B']))).toBe(shapeText(query(['C', 'D'])));
    expect(shapeText(query([1]))).toBe(shapeText(query([2.5])));
    const distinct = [['A'], [''], [null], [1], [true], ['A', 'B'], [{ member: 'users.status', operator: 'equals', values: ['x'] }], [['x']], [undefined]];
    expect(new Set(distinct.map((values) => shapeText(query(values)))).size).toBe(distinct.length);
    expect(shapeText(query([{ member: 'users.status', operator: 'equals', values: ['x'] }]))).toContain('"x"');
    // Only a filter's values: a date range, an order or a values key anywhere else is kept as written.
    expect(shapeText({ values: ['A'] })).toBe('{"values":["A"]}');
    expect(shapeText({ timeDimensions: [{ dimension: 'users.creation_date', dateRange: ['2024-01-01'] }] })).toContain('2024-01-01');
    expect(shapeText({ segments: [{ values: ['A'] }] })).toContain('"A"');
    for (const value of [new Date(0), { a: Number.NaN }, { a: () => 1 }, new Array(2), { [Symbol('s')]: 1 }, Object.create({ inherited: 1 }), undefined, query([2 ** 60]), query([Number.NaN])]) {
      expect(shapeText(value)).toBeUndefined();
    }
  });
});

describe('a shape\'s compiled answer, as sql-per-query-shape.ts fills in new values', () => {
  const template = () => {
    const answer = {
      memberNames: ['users.count'],
      sql: ['SELECT count(*) FROM t WHERE campus <> $1 AND name = $2', ['zqalmashape0z', 'zqalmashape1z']],
      preAggregations: [{ tableName: 'pre_aggregations.users_rollup', refreshKeyValues: [['x']] }],
    };
    return { answer, marks: marksIn(answer)! };
  };

  it('finds each mark once per shape and refuses an answer that holds a mark in any other form', () => {
    expect(template().marks).toEqual([{ path: ['sql', 1, 0], index: 0 }, { path: ['sql', 1, 1], index: 1 }]);
    expect(marksIn({ memberNames: [], sql: ["SELECT 'zqalmashape0z'", []] })).toBeUndefined();
    expect(marksIn({ memberNames: [], sql: ['SELECT $1', ['%zqalmashape0z%']] })).toBeUndefined();
    expect(marksIn({ memberNames: [], sql: ['SELECT $1', ['ZQALMASHAPE0Z']] })).toBeUndefined();
    expect(marksIn({ memberNames: [], seen: new Set(['zqalmashape0z']) })).toBeUndefined();
  });

  it('copies the way to each value, shares the rest, and leaves the template as it was', () => {
    const shape = template();
    const before = structuredClone(shape.answer);
    const filled = answerWith(shape, ['MAIN', "O'Brien"]) as unknown as typeof shape.answer;
    expect(filled.sql).toEqual(['SELECT count(*) FROM t WHERE campus <> $1 AND name = $2', ['MAIN', "O'Brien"]]);
    expect(shape.answer).toEqual(before);
    expect(filled.preAggregations).toBe(shape.answer.preAggregations);
    expect(filled.sql).not.toBe(shape.answer.sql);
    expect(answerWith(shape, ['MAIN'])).toBeUndefined();
  });
});
