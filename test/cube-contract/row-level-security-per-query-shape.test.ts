import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compilerApiPrototype } from '../../src/cube/patches/cube-compiler-internals';
import { installRowLevelSecurityPerQueryShape } from '../../src/cube/patches/row-level-security-per-query-shape';

// What row-level-security-per-query-shape.ts relies on in Cube 1.7.43's applyRowLevelSecurity: that it
// changes the query only by appending one row filter, setting maskedMembers, or (denied) adding a segment;
// that the query's own values are read only to ask whether its filters imply a mask filter; and that the
// policies see nothing of the caller but the security context. Then Cube's own method is run, through the
// patch, over a small model of stand-in policies: the same additions with and without the patch.
const require = createRequire(__filename);
const compilerApiSource = readFileSync(require.resolve('@cubejs-backend/server-core/dist/src/core/CompilerApi.js'), 'utf8');
const cubeSymbolsSource = readFileSync(require.resolve('@cubejs-backend/schema-compiler/dist/src/compiler/CubeSymbols.js'), 'utf8');

function source(text: string, method: string): string {
  const start = text.search(new RegExp(`\\n    (async )?${method}\\(`));
  if (start < 0) return '';
  return text.slice(start, text.indexOf('\n    }\n', start));
}

describe("Cube's applyRowLevelSecurity, as its additions are kept per query shape", () => {
  it('changes the query only by a row filter appended, maskedMembers set, or a segment when denied', () => {
    expect(require('@cubejs-backend/server-core/package.json').version).toBe('1.7.43');
    const body = source(compilerApiSource, 'applyRowLevelSecurity');
    expect(body).toMatch(/^\n {4}async applyRowLevelSecurity\(query, evaluatedQuery, context\)/);
    expect(new Set(body.match(/\bquery\.\w+/g))).toEqual(new Set(['query.segments', 'query.filters', 'query.maskedMembers']));
    expect(body.match(/query\.filters\.push\(/g)).toEqual(['query.filters.push(']);
    expect(body).toContain('query.filters.push(rlsFilter);');
    expect(body).toContain('query.segments.push({');
    expect(body.indexOf('return { query, denied: true };')).toBeGreaterThan(body.indexOf('query.segments.push({'));
    expect(body.match(/\bevaluatedQuery\b/g)).toHaveLength(2);
    expect(body).toContain('const sql = await this.getSql(evaluatedQuery, { requestId: context?.requestId });');
  });

  it('reads the query\'s filters only to ask whether they imply a mask filter', () => {
    const body = source(compilerApiSource, 'applyRowLevelSecurity');
    expect(body.match(/query\.filters \|\| \[\]/g)).toHaveLength(2);
    expect(body).toContain('query.filters = query.filters || [];');
    expect(body).toContain('if (maskFilter && this.queryFiltersImplyFilter(query.filters || [], maskFilter)) {');
    expect(compilerApiSource.match(/this\.queryFiltersImplyFilter\(/g)).toHaveLength(1);
  });

  it('evaluates policy conditions and row filter values with the security context alone', () => {
    expect(source(cubeSymbolsSource, 'evaluateContextFunction')).toContain('securityContext: context.securityContext,');
    const nested = source(compilerApiSource, 'evaluateNestedFilter');
    expect(nested).toContain('cubeEvaluator.evaluateContextFunction(cube, filter.values || (() => undefined), context)');
  });
});

// A model of one view, `users`, with the policies of three kinds of caller.
const members = ['users.count', 'users.status', 'users.gender', 'users.campus_code'];
const policies = [
  { group: 'admin', memberLevel: { includesMembers: members, excludesMembers: [] } },
  { group: 'analyst', memberLevel: { includesMembers: ['users.count', 'users.status', 'users.campus_code'], excludesMembers: [] }, memberMasking: { includesMembers: ['users.gender'], excludesMembers: [] } },
  { group: 'dashboard', memberLevel: { includesMembers: ['users.count', 'users.status', 'users.campus_code'], excludesMembers: [] },
    rowLevel: { filters: [{ memberReference: 'users.campus_code', operator: 'equals', values: (context: { securityContext: { campus: string[] } }) => context.securityContext.campus }] } },
  // Full access on its campus's rows, masked elsewhere: the one case that reads the query's values.
  { group: 'campus_staff', memberLevel: { includesMembers: members, excludesMembers: [] },
    rowLevel: { filters: [{ memberReference: 'users.campus_code', operator: 'equals', values: (context: { securityContext: { campus: string[] } }) => context.securityContext.campus }] } },
  { group: 'campus_staff', memberLevel: { includesMembers: ['users.count', 'users.status', 'users.campus_code'], excludesMembers: [] }, memberMasking: { includesMembers: ['users.gender'], excludesMembers: [] } },
];
const cube = { name: 'users', isView: false, accessPolicy: policies };
const rbacCache = new Map();
const compilers = {
  compilerCache: { getRbacCacheInstance: () => rbacCache },
  cubeEvaluator: {
    isRbacEnabled: () => true,
    isRbacEnabledForCube: () => true,
    cubeFromPath: () => cube,
    evaluateContextFunction: (_cube: unknown, fn: (context: unknown) => unknown, context: unknown) => fn(context),
  },
};

let compiled = 0;
function compilerApi(): object {
  const api = Object.create(compilerApiPrototype);
  api.getCompilers = async () => compilers;
  api.getSql = async (query: { measures: string[]; dimensions: string[]; filters: { member?: string }[] }) => ({
    compiled: (compiled += 1),
    memberNames: [...new Set([...query.measures, ...query.dimensions, ...query.filters.flatMap((filter) => (filter.member ? [filter.member] : []))])],
  });
  api.contextToGroups = (context: { securityContext: { group: string } }) => [context.securityContext.group];
  return api;
}

const contextOf = (group: string, campus?: string[]) => ({ securityContext: { group, ...(campus ? { campus } : {}) }, requestId: String(Math.random()) });
const queryOf = (value: string, dimensions = ['users.gender']) => ({
  measures: ['users.count'], dimensions, filters: [{ member: 'users.campus_code', operator: 'equals', values: [value] }], limit: 10,
});

async function additions(context: object, query: Record<string, unknown>): Promise<unknown> {
  const { query: changed, denied } = await (compilerApi() as { applyRowLevelSecurity: typeof compilerApiPrototype.applyRowLevelSecurity })
    .applyRowLevelSecurity(query, query, context);
  return { denied, filters: changed.filters, maskedMembers: changed.maskedMembers, segments: (changed.segments as { name: string }[] | undefined)?.map((segment) => segment.name) };
}

describe('applyRowLevelSecurity with its additions kept per query shape', () => {
  it('gives every caller the additions Cube gives, whatever was asked before, query values included', async () => {
    const callers = [contextOf('admin'), contextOf('analyst'), contextOf('dashboard', ['MAIN']), contextOf('dashboard', ['LAW', 'MED']), contextOf('campus_staff', ['MAIN']), contextOf('nobody')];
    const queries = [queryOf('MAIN'), queryOf('LAW'), queryOf('MAIN', ['users.status']), queryOf('', ['users.status'])];
    const expected: unknown[] = [];
    for (const caller of callers) for (const query of queries) expected.push(await additions({ ...caller }, structuredClone(query)));
    installRowLevelSecurityPerQueryShape();
    for (let round = 0; round < 3; round += 1) {
      compiled = 0;
      const got: unknown[] = [];
      for (const caller of callers) for (const query of queries) got.push(await additions({ ...caller, requestId: String(round) }, structuredClone(query)));
      expect(got).toEqual(expected);
      // Kept from the second round on, but for what reads the query's values (campus_staff) or is denied.
      if (round > 0) expect(compiled).toBeLessThan(callers.length * queries.length / 2);
    }
    // The cases that matter are there: a row filter per campus, a masked member, a member unmasked by the query's own filter, a denial.
    expect(JSON.stringify(expected)).toContain('"values":["LAW","MED"]');
    expect(expected).toContainEqual(expect.objectContaining({ maskedMembers: [{ member: 'users.gender', filter: undefined }] }));
    expect(expected[16]).not.toEqual(expected[17]);
    expect(expected).toContainEqual(expect.objectContaining({ denied: true, segments: ['rlsAccessDenied'] }));
  });

  it('hands each query a copy of its own, not the kept one', async () => {
    installRowLevelSecurityPerQueryShape();
    const caller = contextOf('dashboard', ['MAIN']);
    const first = (await additions({ ...caller }, queryOf('A', ['users.status']))) as { filters: { and?: unknown }[] };
    const second = (await additions({ ...caller }, queryOf('B', ['users.status']))) as { filters: { and?: unknown }[] };
    expect(second.filters).toHaveLength(2);
    expect(second.filters[1]).toEqual(first.filters[1]);
    expect(second.filters[1]).not.toBe(first.filters[1]);
    expect(second.filters[0]).toEqual({ member: 'users.campus_code', operator: 'equals', values: ['B'] });
  });
});
