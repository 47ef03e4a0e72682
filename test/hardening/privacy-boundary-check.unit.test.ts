import { describe, expect, it } from 'vitest';
import { checkQueryMembers } from '../../src/boundary/check-query-members';
import { visibleMembersIn, type CompiledCube } from '../../src/boundary/visible-members';
import { normalizedPath, routeRefusal } from '../../src/cube/capability-routes';
import { logLine } from '../../src/cube/redacting-logger';

// The boundary's check on its own, over a small model shaped like Cube's meta
// config: a view over a cube, the view's members aliasing the cube's.
const MODEL: CompiledCube[] = [
  {
    config: {
      name: 'users', type: 'view',
      measures: [
        { name: 'users.count', type: 'number', aliasMember: 'user_details.count' },
        { name: 'users.average_age', type: 'number', aliasMember: 'user_details.average_age' },
        { name: 'users.disclosure_people', type: 'number', aliasMember: 'user_details.disclosure_people' },
      ],
      dimensions: [
        { name: 'users.user_group', type: 'string', aliasMember: 'user_details.user_group' },
        { name: 'users.status_date', type: 'time', aliasMember: 'user_details.status_date' },
        { name: 'users.full_name', type: 'string', aliasMember: 'user_details.full_name' },
        { name: 'users.birth_date', type: 'time', aliasMember: 'user_details.birth_date' },
        // A view may rename a member; privacy follows the member it shows.
        { name: 'users.who', type: 'string', aliasMember: 'user_details.primary_identifier' },
      ],
      segments: [{ name: 'users.under_25', aliasMember: 'user_details.under_25' }, { name: 'users.active', aliasMember: 'user_details.active' }],
    },
  },
  {
    config: {
      name: 'user_details', type: 'cube',
      measures: [{ name: 'user_details.count', type: 'count' }],
      dimensions: [{ name: 'user_details.full_name', type: 'string' }, { name: 'user_details.birth_date_unmasked', type: 'time' }],
    },
  },
];

const analyst = { group: 'analyst' };
const dashboard = { group: 'dashboard', campus: ['MAIN'] };
const admin = { group: 'admin' };
const check = (query: unknown, context: object = analyst) => () => checkQueryMembers(query, visibleMembersIn(MODEL, context), context);

describe('the visible set', () => {
  it('holds for an analyst the view members it may see, masked ones marked, and no cube', () => {
    const visible = visibleMembersIn(MODEL, analyst);
    expect([...visible.members.keys()].sort()).toEqual(['users.active', 'users.average_age', 'users.birth_date', 'users.count', 'users.status_date', 'users.user_group']);
    expect(visible.members.get('users.birth_date')?.masked).toBe(true);
    expect([...visible.cubes]).toEqual(['users']);
  });

  it('holds for a dashboard no sensitive member, and for an admin the cubes too, never a disclosure_ member', () => {
    expect([...visibleMembersIn(MODEL, dashboard).members.keys()]).not.toContain('users.birth_date');
    const forAdmin = visibleMembersIn(MODEL, admin);
    expect(forAdmin.members.has('user_details.full_name')).toBe(true);
    expect(forAdmin.members.has('users.disclosure_people')).toBe(false);
  });

  it('is empty for an unknown group or no context', () => {
    expect(visibleMembersIn(MODEL, { group: 'librarian' }).members.size).toBe(0);
    expect(visibleMembersIn(MODEL, undefined).members.size).toBe(0);
  });
});

describe('the member check', () => {
  it('passes a query naming only visible members, in every position', () => {
    expect(check({
      measures: ['users.count'], dimensions: ['users.user_group', 'users.status_date.month'], segments: ['users.active'],
      timeDimensions: [{ dimension: 'users.status_date', granularity: 'month', dateRange: ['2020-01-01', '2020-12-31'] }],
      filters: [{ or: [{ member: 'users.user_group', operator: 'equals', values: ['Faculty'] }, { and: [{ dimension: 'users.count', operator: 'gt', values: ['1'] }] }] }],
      order: [['users.count', 'desc'], ['users.status_date.month', 'asc']], joinHints: [['users']], limit: 10, total: true,
    })).not.toThrow();
  });

  it.each([
    ['a renamed identifying member', { dimensions: ['users.who'] }],
    ['a disclosure_ member', { measures: ['users.disclosure_people'] }],
    ['a cube behind the view', { measures: ['user_details.count'] }],
    ['a hidden member deep in or/and', { measures: ['users.count'], filters: [{ or: [{ and: [{ or: [{ member: 'users.full_name', operator: 'set' }] }] }] }] }],
    ['a hidden member in an order list', { measures: ['users.count'], order: [['users.full_name', 'asc']] }],
    ['a hidden member with a granularity suffix', { dimensions: ['users.full_name.month'] }],
    ['a join hint to a cube', { measures: ['users.count'], joinHints: [['users', 'user_details']] }],
    ['a member expression', { measures: ['{"cubeName":"users","alias":"x","expr":{"type":"SqlFunction","cubeParams":["users"],"sql":"1"}}'] }],
    ['a subquery join', { measures: ['users.count'], subqueryJoins: [{ sql: 'SELECT 1', on: '1=1' }] }],
    ['a field the check does not know', { measures: ['users.count'], constructor: {} }],
    ['a filter with both member and and', { measures: ['users.count'], filters: [{ member: 'users.user_group', and: [] }] }],
    ['a masked measure in an ungrouped query', { measures: ['users.average_age'], dimensions: ['users.user_group'], ungrouped: true }],
  ])('refuses %s', (_what, query) => {
    expect(check(query)).toThrow();
  });

  it('refuses hidden and unknown members in the same words', () => {
    const words = (name: string) => {
      try {
        checkQueryMembers({ measures: ['users.count'], filters: [{ member: name, operator: 'set' }] }, visibleMembersIn(MODEL, analyst), analyst);
      } catch (error) {
        return (error as Error).message.replace(name, '<m>').replace(/ Did you mean.*$/, '');
      }
      return 'passed';
    };
    expect(words('users.full_name')).toBe(words('users.no_such'));
    expect(words('user_details.birth_date_unmasked')).toBe(words('users.no_such'));
  });

  it('suggests only visible members, and says when a dimension is sent as a measure', () => {
    expect(check({ measures: ['users.count'], dimensions: ['users.user_gruop'] })).toThrow('Did you mean "users.user_group"?');
    expect(check({ measures: ['users.count'], dimensions: ['users.full_nam'] })).not.toThrow(/full_name/);
    expect(check({ measures: ['users.user_group'] })).toThrow('users.user_group is a dimension, not a measure');
  });

  it('names the views that have a member asked without its view, from the visible set only', () => {
    const twoViews: CompiledCube[] = [...MODEL, {
      config: {
        name: 'activity', type: 'view',
        measures: [{ name: 'activity.count', type: 'number', aliasMember: 'loans.count' }],
        dimensions: [{ name: 'activity.full_name', type: 'string', aliasMember: 'user_details.full_name' }],
      },
    }];
    const words = (query: object, context: object) => {
      try {
        checkQueryMembers(query, visibleMembersIn(twoViews, context), context);
      } catch (error) {
        return (error as Error).message;
      }
      return 'passed';
    };
    expect(words({ measures: ['count'] }, analyst)).toBe('"count" needs the name of its view in front: ask for "activity.count" or "users.count"; GET /cubejs-api/v1/meta lists the members you can query.');
    expect(words({ dimensions: ['user_group'] }, analyst)).toContain('ask for "users.user_group"');
    // Hidden from the analyst in both views: refused like a name nothing has.
    const hidden = words({ dimensions: ['full_name'] }, analyst);
    expect(hidden.replace('full_name', '<m>')).toBe(words({ dimensions: ['no_such'] }, analyst).replace('no_such', '<m>'));
    expect(hidden).not.toMatch(/\.full_name|view in front/);
    // An admin sees the name in the cube behind the views too.
    expect(words({ dimensions: ['full_name'] }, admin)).toContain('"activity.full_name", "user_details.full_name" or "users.full_name"');
  });

  it('lets an admin send member expressions (its group may query the cubes)', () => {
    expect(check({ measures: ['{"cubeName":"users","alias":"x","expr":{"type":"SqlFunction","cubeParams":["users"],"sql":"1"}}'] }, admin)).not.toThrow();
  });
});

describe('admin-only routes', () => {
  it.each(['/cubejs-api/v1/DRY-RUN', '/cubejs-api/v1//dry-run/', '/cubejs-api/v1/%64ry-run', '/cubejs-api/v1%2Fdry-run', '/cubejs-api/v1/./Dry-Run', '/cubejs-api/v1/x/../sql', '/cubejs-api/v1/%2573ql'])('refuses %s to an analyst and lets an admin through', (path) => {
    expect(routeRefusal({ path, originalUrl: path }, analyst)).toMatch(/is for admin tokens only/);
    expect(routeRefusal({ path, originalUrl: path }, admin)).toBeUndefined();
  });

  it('normalizes paths before matching', () => {
    expect(normalizedPath('/CUBEJS-API//v1/./sql/?x=1')).toBe('/cubejs-api/v1/sql');
  });

  it('opens GraphQL to the groups with use_graphql only; refuses extended /meta to an analyst, not plain /meta', () => {
    expect(routeRefusal({ path: '/cubejs-api/graphql' }, analyst)).toBeUndefined();
    expect(routeRefusal({ path: '/cubejs-api/GraphQL/' }, { group: 'librarian' })).toMatch(/serves GraphQL and is for/);
    expect(routeRefusal({ path: '/cubejs-api/v1/meta', query: { extended: '' } }, analyst)).toMatch(/extended/);
    expect(routeRefusal({ path: '/cubejs-api/v1/meta', query: {} }, analyst)).toBeUndefined();
  });
});

describe('the log line of a query event', () => {
  it('carries the query shape and no value, even where Cube quotes one in an error', () => {
    const query = { measures: ['users.count'], filters: [{ member: 'users.user_group', operator: 'equals', values: ['mkA'] }], timeDimensions: [{ dimension: 'users.status_date', compareDateRange: [['2020-01-01 mkB', '2020-12-31']] }], order: { 'users.count': 'mkC' }, offset: 918_273_645, timezone: 'mkD/Zone' };
    for (const logged of [query, JSON.stringify(query), Object.fromEntries([...JSON.stringify(query)].map((char, index) => [String(index), char]))]) {
      const line = logLine('Query Rewrite', { query: logged, error: "Can't parse date: '2020-01-01 mkB' in mkD/Zone" });
      expect(line).toContain('users.user_group');
      expect(line).not.toMatch(/mk[ABCD]|918273645/);
    }
  });

  it('does not quote a query that is not JSON', () => {
    const line = logLine('Load Request', { query: '{"measures": mkE}', error: 'Unable to decode query param as JSON, error: Unexpected token \'m\', "{"measures": mkE}" is not valid JSON' });
    expect(line).not.toContain('mkE');
  });
});
