import { beforeAll, describe, expect, it } from 'vitest';
import { checkMemberExpression, loadMemberExpressionParser } from '../../src/boundary/check-member-expression';
import { checkQueryMembers } from '../../src/boundary/check-query-members';
import { visibleMembersIn, type CompiledCube } from '../../src/boundary/visible-members';

// The boundary's check of member expressions on its own, over a small model shaped
// like Cube's meta config; the attacks through the SQL API and REST are in
// privacy-under-attack-member-expressions.test.ts, judged against the database.
const MODEL: CompiledCube[] = [
  {
    config: {
      name: 'users', type: 'view',
      measures: [
        { name: 'users.count', type: 'number', aliasMember: 'user_details.count' },
        { name: 'users.disclosure_people', type: 'number', aliasMember: 'user_details.disclosure_people' },
      ],
      dimensions: [
        { name: 'users.user_group', type: 'string', aliasMember: 'user_details.user_group' },
        { name: 'users.job_title', type: 'string', aliasMember: 'user_details.job_title' },
        { name: 'users.status_date', type: 'time', aliasMember: 'user_details.status_date' },
        { name: 'users.full_name', type: 'string', aliasMember: 'user_details.full_name' },
        { name: 'users.birth_date', type: 'time', aliasMember: 'user_details.birth_date' },
      ],
    },
  },
  { config: { name: 'user_details', type: 'cube', dimensions: [{ name: 'user_details.full_name', type: 'string' }] } },
];

const analyst = { group: 'analyst' };
const admin = { group: 'admin' };
const visible = visibleMembersIn(MODEL, analyst);

function expression(sql: string, extra: Record<string, unknown> = {}, cubeName = 'users'): string {
  return JSON.stringify({ cubeName, alias: 'expr_0', expr: { type: 'SqlFunction', cubeParams: [cubeName], sql }, ...extra });
}

const sqlOf = (checked: string) => (JSON.parse(checked) as { expr: { sql: string } }).expr.sql;

beforeAll(() => loadMemberExpressionParser());

describe('a member expression of a group without query_cubes', () => {
  it('is rendered from its parse tree, time members truncated to the group\'s finest granularity', () => {
    expect(sqlOf(checkMemberExpression(expression('EXTRACT(DOW FROM ${users.status_date})'), 'dimension', visible, analyst)))
      .toBe("EXTRACT(DOW FROM date_trunc('day', ${users.status_date}))");
    expect(sqlOf(checkMemberExpression(expression('lower(${users.job_title}) LIKE $0$ -- comment'), 'segment', visible, analyst)))
      .toBe('(pg_catalog.lower(${users.job_title}) LIKE $0$)');
    expect(sqlOf(checkMemberExpression(expression("CASE WHEN ${users.user_group} IN ('A', 'it''s') THEN 'x' ELSE 'y' END"), 'dimension', visible, analyst)))
      .toBe("(CASE WHEN (${users.user_group} IN ('A', 'it''s')) THEN 'x' ELSE 'y' END)");
    expect(sqlOf(checkMemberExpression(expression('COUNT(*) / NULLIF(${users.count}, 0)'), 'measure', visible, analyst)))
      .toBe('(COUNT(*) / NULLIF(${users.count}, 0))');
    expect(sqlOf(checkMemberExpression(expression('${users.count} * 2'), 'measure', visible, analyst))).toBe('(${users.count} * 2)');
    // A comparison with ANY/ALL of a written list is IN (BI tools write it; the SQL API compiles it into an OR's segment).
    expect(sqlOf(checkMemberExpression(expression("lower(${users.job_title}) LIKE '%lec%' OR ${users.user_group} = ANY(ARRAY['A', $0$])"), 'segment', visible, analyst)))
      .toBe("((pg_catalog.lower(${users.job_title}) LIKE '%lec%') OR (${users.user_group} = ANY(ARRAY['A', $0$])))");
    expect(sqlOf(checkMemberExpression(expression("${users.user_group} <> ALL(ARRAY['A'])"), 'segment', visible, analyst)))
      .toBe("(${users.user_group} <> ALL(ARRAY['A']))");
  });

  it.each([
    ['a hidden member', 'lower(${users.full_name})', 'dimension'],
    ['a masked member', 'EXTRACT(YEAR FROM ${users.birth_date})', 'dimension'],
    ['a disclosure_ member', '${users.disclosure_people} + 0', 'measure'],
    ['a member of a cube behind the view', 'lower(${user_details.full_name})', 'dimension'],
    ['a subquery', '(SELECT 1) + length(${users.job_title})', 'dimension'],
    ['pg_sleep', 'pg_sleep(1) IS NULL OR ${users.job_title} IS NULL', 'segment'],
    ['current_setting', "current_setting('is_superuser') || ${users.job_title}", 'dimension'],
    ['a raw column of the table', 'lower(full_name) || ${users.job_title}', 'dimension'],
    ['a qualified column', 'lower(alma.users.full_name) || ${users.job_title}', 'dimension'],
    ['a placeholder column written out', 'alma_member_ref_0 || ${users.job_title}', 'dimension'],
    ['a second statement', '${users.job_title}; SELECT 1', 'dimension'],
    ['a FROM clause', '${users.job_title} FROM alma.users', 'dimension'],
    ['a backtick', "${users.job_title} || '`'", 'dimension'],
    ['a template interpolation', "${users.job_title} || '${process.exit()}'", 'dimension'],
    ['a backslash', "${users.job_title} || E'\\\\x41'", 'dimension'],
    ['a dollar-quoted string', '${users.job_title} || $q$x$q$', 'dimension'],
    ['a Unicode escape that makes a backtick', "${users.job_title} || U&'!0060' UESCAPE '!'", 'dimension'],
    ['MIN of a dimension', 'MIN(${users.status_date})', 'measure'],
    ['MAX of a dimension', 'MAX(${users.job_title})', 'measure'],
    ['a window function', 'COUNT(*) OVER ()', 'measure'],
    ['a conditional count', "SUM(CASE WHEN ${users.job_title} = 'Lecturer' THEN 1 ELSE 0 END)", 'measure'],
    ['a FILTER', "COUNT(DISTINCT ${users.job_title}) FILTER (WHERE ${users.user_group} = 'Ä')", 'measure'],
    ['arithmetic inside an aggregate', 'SUM(length(${users.job_title}) - 5)', 'measure'],
    ['COUNT of a column', 'COUNT(${users.job_title})', 'measure'],
    ['a count of distinct values', 'COUNT(DISTINCT ${users.job_title})', 'measure'],
    ['a dimension outside an aggregate in a measure', '${users.job_title}', 'measure'],
    ['an aggregate in a dimension', 'COUNT(${users.job_title})', 'dimension'],
    ['a measure in a dimension', '${users.count} + 1', 'dimension'],
    ['an expression naming no member', '1', 'dimension'],
    ['a cast to a type outside the list', '${users.job_title}::regclass', 'dimension'],
    ['an array', 'ARRAY[${users.job_title}]', 'dimension'],
    ['ANY of an empty array', "${users.job_title} = ANY(ARRAY[])", 'segment'],
    ['ANY of a subquery', '${users.job_title} = ANY(SELECT 1)', 'segment'],
    ['ANY of an array that is not written out', "${users.job_title} = ANY('{a,b}')", 'segment'],
    ['a pattern operator with ANY', "${users.job_title} LIKE ANY(ARRAY['%a%'])", 'segment'],
    ['a row comparison', '(${users.job_title}, 1) = (${users.job_title}, 1)', 'segment'],
  ])('refuses %s', (_what, sql, position) => {
    expect(() => checkMemberExpression(expression(sql), position as 'dimension', visible, analyst)).toThrow(/is not (a member|a cube or view) you can query|Invalid query/);
  });

  it.each([
    ['an extra key', expression('lower(${users.job_title})', { groupingSet: null })],
    ['a PatchMeasure', JSON.stringify({ cubeName: 'users', alias: 'x', expr: { type: 'PatchMeasure', sourceMeasure: 'users.count', replaceAggregationType: null, addFilters: [] } })],
    ['a cube behind the view', expression('lower(${user_details.full_name})', {}, 'user_details')],
    ['an alias that is not an identifier', JSON.stringify({ cubeName: 'users', alias: 'x`', expr: { type: 'SqlFunction', cubeParams: ['users'], sql: '${users.job_title}' } })],
    ['the alias of an internal member', JSON.stringify({ cubeName: 'users', alias: 'disclosure_people', expr: { type: 'SqlFunction', cubeParams: ['users'], sql: 'COUNT(${users.job_title})' } })],
    ['other cube parameters', JSON.stringify({ cubeName: 'users', alias: 'x', expr: { type: 'SqlFunction', cubeParams: ['users', 'user_details'], sql: '${users.job_title}' } })],
    ['an object instead of JSON text', { cubeName: 'users', name: 'x', expression: ['users', 'return `${users.job_title}`'] }],
  ])('refuses the shape with %s', (_what, item) => {
    expect(() => checkQueryMembers({ dimensions: [item] }, visible, analyst)).toThrow();
  });

  it('hidden and masked members get the words of a member that does not exist', () => {
    const words = (sql: string) => {
      try {
        checkMemberExpression(expression(sql), 'dimension', visible, analyst);
      } catch (error) {
        return (error as Error).message.replace(/"[^"]*"/g, '"…"');
      }
      return 'admitted';
    };
    expect(words('lower(${users.full_name})')).toBe(words('lower(${users.no_such_member})'));
    expect(() => checkMemberExpression(expression('EXTRACT(YEAR FROM ${users.birth_date})'), 'dimension', visible, analyst))
      .toThrow('"users.expr_0" is not a member you can query; GET /cubejs-api/v1/meta lists the members you can query.');
  });

  it('lets order name the aliases of the query\'s expressions, and keeps subquery joins for query_cubes', () => {
    expect(() => checkQueryMembers({ measures: ['users.count'], dimensions: [expression('lower(${users.job_title})')], order: [['expr_0', 'asc']] }, visible, analyst)).not.toThrow();
    expect(() => checkQueryMembers({ measures: ['users.count'], subqueryJoins: [] }, visible, analyst)).toThrow();
    expect(() => checkQueryMembers({ measures: ['users.count'], subqueryJoins: [] }, visibleMembersIn(MODEL, admin), admin)).not.toThrow();
  });
});
