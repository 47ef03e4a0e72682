import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCubeServer, tokenFor, type TestCubeServer } from '../support/cube-server';
import { startOwnDatabase, type OwnDatabase } from './support/own-database';

// A Cube server logging at trace level is sent REST queries carrying a unique
// marker in every value position (filters, date ranges, compare ranges, limit,
// offset, order, GraphQL arguments), valid and invalid, by every group: the
// marker must appear nowhere in what the server wrote, including moment's
// deprecation warning, which prints the raw date input it could not parse.
let database: OwnDatabase;
let cube: TestCubeServer;
const MARKER = `qv${process.pid}m`;
const LIMIT_MARKER = 987_654_321;
const OFFSET_MARKER = 918_273_645;
const sent: string[] = [];

/** Queries with the marker (suffixed by its position) in each value position. */
function markedQueries(): { position: string; query: unknown }[] {
  const mark = (position: string) => `${MARKER}${position}`;
  return [
    { position: 'filter values', query: { measures: ['users.count'], filters: [{ member: 'users.user_group', operator: 'equals', values: [mark('fv')] }] } },
    { position: 'a string as filter values', query: { measures: ['users.count'], filters: [{ member: 'users.user_group', operator: 'contains', values: mark('fs') }] } },
    { position: 'nested filter values', query: { measures: ['users.count'], filters: [{ or: [{ member: 'users.job_title', operator: 'startsWith', values: [mark('fn')] }, { and: [{ member: 'users.campus_code', operator: 'notEquals', values: [mark('fa')] }] }] }] } },
    { position: 'a date filter', query: { measures: ['users.count'], filters: [{ member: 'users.status_date', operator: 'inDateRange', values: [`2020-01-01 ${mark('fd')}`, '2020-12-31'] }] } },
    { position: 'a dateRange (moment deprecation path)', query: { measures: ['users.count'], timeDimensions: [{ dimension: 'users.status_date', dateRange: [`2020-01-01 ${mark('dr')}`, '2020-12-31'] }] } },
    { position: 'a relative dateRange string', query: { measures: ['users.count'], timeDimensions: [{ dimension: 'users.status_date', dateRange: `last ${mark('rel')} days` }] } },
    { position: 'a valid-looking dateRange', query: { measures: ['users.count'], timeDimensions: [{ dimension: 'users.status_date', dateRange: ['2020-01-01', mark('dv')] }] } },
    { position: 'compareDateRange', query: { measures: ['users.count'], timeDimensions: [{ dimension: 'users.status_date', compareDateRange: [['2019-01-01', '2019-12-31'], [`2020-01-01 ${mark('cd')}`, '2020-12-31']] }] } },
    { position: 'a valid compareDateRange', query: { measures: ['users.count'], timeDimensions: [{ dimension: 'users.status_date', compareDateRange: [['2019-01-01', '2019-12-31'], `last ${mark('cr')} year`] }] } },
    { position: 'limit', query: { measures: ['users.count'], dimensions: ['users.user_group'], limit: LIMIT_MARKER } },
    { position: 'offset', query: { measures: ['users.count'], dimensions: ['users.user_group'], offset: OFFSET_MARKER } },
    { position: 'order value', query: { measures: ['users.count'], dimensions: ['users.user_group'], order: { 'users.count': mark('ov') } } },
    { position: 'order list value', query: { measures: ['users.count'], dimensions: ['users.user_group'], order: [['users.count', mark('ol')]] } },
    { position: 'granularity', query: { measures: ['users.count'], timeDimensions: [{ dimension: 'users.status_date', granularity: mark('gr') }] } },
    { position: 'timezone', query: { measures: ['users.count'], timezone: mark('tz') } },
    { position: 'a valid filter with total', query: { measures: ['users.count'], dimensions: ['users.user_group'], total: true, filters: [{ member: 'users.job_title', operator: 'equals', values: [mark('tt')] }] } },
    { position: 'an ungrouped filter', query: { dimensions: ['users.user_group'], ungrouped: true, limit: 5, filters: [{ member: 'users.job_title', operator: 'notEquals', values: [mark('ug')] }] } },
    { position: 'a hidden member\'s filter', query: { measures: ['users.count'], filters: [{ member: 'users.full_name', operator: 'equals', values: [mark('hf')] }] } },
    { position: 'a blending query', query: [{ measures: ['users.count'], timeDimensions: [{ dimension: 'users.status_date', granularity: 'year', dateRange: ['2019-01-01', '2020-12-31'] }], filters: [{ member: 'users.job_title', operator: 'equals', values: [mark('bl')] }] }, { measures: ['fulfillment.num_of_loans'], timeDimensions: [{ dimension: 'fulfillment.loan_date', granularity: 'year', dateRange: ['2019-01-01', '2020-12-31'] }] }] },
  ];
}

/** The marker a query carries: its marked string, or the limit or offset number. */
function markerIn(query: unknown): string {
  const text = JSON.stringify(query);
  return text.match(new RegExp(`${MARKER}[a-z]+`))?.[0] ?? [LIMIT_MARKER, OFFSET_MARKER].map(String).find((number) => text.includes(number))!;
}

async function send(token: string, endpoint: string, query: unknown): Promise<void> {
  const text = JSON.stringify(query);
  sent.push(text);
  await fetch(`${cube.api}/${endpoint}?query=${encodeURIComponent(text)}`, { headers: { Authorization: `Bearer ${token}` } });
  await fetch(`${cube.api}/${endpoint}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) });
}

beforeAll(async () => {
  database = await startOwnDatabase('values-log');
  cube = await startTestCubeServer({ databaseUrl: database.connectionString, seedUsers: 300, env: { CUBEJS_LOG_LEVEL: 'trace' } });
  const tokens = [tokenFor(cube, 'admin'), tokenFor(cube, 'analyst'), tokenFor(cube, 'dashboard', ['MAIN'])];
  for (const token of tokens) {
    for (const { query } of markedQueries()) {
      await send(token, 'load', query);
      await send(token, 'sql', query);
      await send(token, 'dry-run', query);
    }
    // A query that is not JSON: JSON.parse quotes the text it could not read.
    await fetch(`${cube.api}/load?query=${encodeURIComponent(`{"measures": ${MARKER}js}`)}`, { headers: { Authorization: `Bearer ${token}` } });
    const graphql = `{ cube(where: { users: { user_group: { equals: "${MARKER}gq" } } }) { users { count } } }`;
    await fetch(`${cube.url}/cubejs-api/graphql`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ query: graphql }) });
  }
  // Give late log lines (query completions) a moment to arrive.
  await new Promise((resolve) => setTimeout(resolve, 2000));
}, 300_000);

afterAll(async () => {
  await cube?.stop();
  await database?.remove();
});

describe('a server logging at trace level', () => {
  it('logged the requests (so the search below looks at something)', () => {
    expect(sent.length).toBeGreaterThan(100);
    expect(cube.output()).toMatch(/Load Request|Query/);
    // The value positions were logged, redacted: the search below is not vacuous.
    expect(cube.output()).toContain('"compareDateRange":"[redacted]"');
    expect(cube.output()).toContain('"offset":"[redacted]"');
  });

  it.each(markedQueries().map(({ position, query }) => [position, markerIn(query)]))('holds no value sent in %s', (_position, marker) => {
    const lines = cube.output().split('\n').filter((line) => line.includes(marker));
    expect(lines.slice(0, 3)).toEqual([]);
  });

  it('holds nothing of a query that is not JSON', () => {
    expect(cube.output()).not.toContain(`${MARKER}js`);
  });

  it('holds no value sent as a GraphQL argument', () => {
    expect(cube.output()).not.toContain(`${MARKER}gq`);
  });

  it('holds the marker nowhere at all', () => {
    expect(cube.output().split('\n').filter((line) => line.includes(MARKER)).slice(0, 3)).toEqual([]);
  });

  it('holds no deprecation warning quoting raw input', () => {
    expect(cube.output()).not.toMatch(/Deprecation warning[\s\S]*_i:/);
  });
});
