import { beforeAll, describe, expect, it } from 'vitest';
import { loadMemberExpressionParser } from '../../src/boundary/check-member-expression';
import { checkQueryMembers } from '../../src/boundary/check-query-members';
import { takeExpressionParams } from '../../src/boundary/expression-params';
import { visibleMembersIn, type CompiledCube } from '../../src/boundary/visible-members';

// The boundary's reading of the expression parameters the SQL API sends with a query on
// Cube's load path: only a list of strings and nulls, only where member expressions are
// taken, and every `$n$` of a member expression must name one of them.
const MODEL: CompiledCube[] = [
  {
    config: {
      name: 'users', type: 'view',
      measures: [{ name: 'users.count', type: 'number', aliasMember: 'user_details.count' }],
      dimensions: [{ name: 'users.job_title', type: 'string', aliasMember: 'user_details.job_title' }],
    },
  },
];
const analyst = { group: 'analyst' };
const visible = visibleMembersIn(MODEL, analyst);
const segment = (sql: string) => JSON.stringify({ cubeName: 'users', alias: 'expr_0', expr: { type: 'SqlFunction', cubeParams: ['users'], sql } });

beforeAll(() => loadMemberExpressionParser());

describe('expression parameters at the privacy boundary', () => {
  it('are taken off the query as a copy, only as a list of strings and nulls', () => {
    const params = ['%a%', null];
    const taken = takeExpressionParams({ measures: ['users.count'], expressionParams: params }, true);
    expect(taken.query).toEqual({ measures: ['users.count'] });
    expect(taken.params).toEqual(['%a%', null]);
    expect(taken.params).not.toBe(params);
    expect(takeExpressionParams({ measures: ['users.count'] }, true).params).toBeUndefined();
    for (const wrong of ['x', [1], [{}], [['x']], [true], { 0: 'x' }, null]) {
      expect(() => takeExpressionParams({ measures: ['users.count'], expressionParams: wrong }, true), JSON.stringify(wrong)).toThrow(/is a list of strings or nulls/);
    }
  });

  it('are refused where member expressions are not taken', () => {
    expect(() => takeExpressionParams({ measures: ['users.count'], expressionParams: [] }, false)).toThrow(/SQL API only/);
  });

  it('must hold a value for every `$n$` of the query\'s member expressions', () => {
    const query = { measures: ['users.count'], segments: [segment('lower(${users.job_title}) LIKE $1$ OR ${users.job_title} = $0$')] };
    expect(() => checkQueryMembers(query, visible, analyst, true, 2)).not.toThrow();
    for (const count of [0, 1]) expect(() => checkQueryMembers(query, visible, analyst, true, count), String(count)).toThrow(/is not a (member|segment)/);
    // Without a count the query carries no parameters: a `$n$` names nothing.
    expect(() => checkQueryMembers({ measures: ['users.count'], segments: [segment('${users.job_title} = $0$')] }, visible, analyst, true)).toThrow();
  });
});
