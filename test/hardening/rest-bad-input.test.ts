import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableChecksums } from '../../src/seed/table-checksums';
import { sharedCubeServer, tokenFor } from '../support/cube-server';

// Hostile and broken input on REST /load: each gets a 4xx with a message that says
// what is wrong, the server keeps serving, and the data is exactly as before.
const server = sharedCubeServer();
const token = tokenFor(server, 'admin');
let before: Record<string, string>;

async function post(body: string, contentType = 'application/json'): Promise<{ status: number; error: string }> {
  const response = await fetch(`${server.api}/load`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'content-type': contentType }, body });
  const text = await response.text();
  let error = text;
  try { error = JSON.parse(text).error ?? ''; } catch { /* plain text */ }
  return { status: response.status, error: String(error) };
}
const postQuery = (query: unknown) => post(JSON.stringify({ query }));

function nested(depth: number): object {
  let filter: object = { member: 'users.user_group', operator: 'set' };
  for (let i = 0; i < depth; i += 1) filter = { or: [filter] };
  return filter;
}

const count = { measures: ['users.count'] };
const groupFilter = (values: unknown, operator = 'equals') => ({ ...count, filters: [{ member: 'users.user_group', operator, values }] });

// [what, query, message the answer must contain]
const REFUSED: [string, unknown, RegExp][] = [
  ['an unknown member', { measures: ['users.no_such_member'] }, /"users.no_such_member" is not a member you can query/],
  ['an unknown view', { measures: ['nowhere.count'] }, /"nowhere.count" is not a member you can query/],
  ['a member name carrying SQL', { measures: ['users.count; DROP TABLE alma.users'] }, /is not a member you can query/],
  ['a member name with a quote and a comment', { dimensions: ['users.user_group" FROM alma.users; --'] }, /is not a member you can query/],
  ['a number where a member goes', { measures: [42] }, /members are named by strings/],
  ['a text limit', { ...count, limit: 'ten' }, /"limit" must be a number/],
  ['a negative offset', { ...count, offset: -1 }, /"offset" must be greater than or equal to 0/],
  ['an unknown operator', groupFilter(['x'], 'drop'), /does not match any of the allowed types/],
  ['filter values that are not a list', groupFilter('x'), /does not match any of the allowed types/],
  ['a granularity carrying SQL', { ...count, timeDimensions: [{ dimension: 'users.creation_date', granularity: 'day; DROP TABLE alma.users' }] }, /Granularity .* does not exist/],
  ['an order direction carrying SQL', { ...count, order: [['users.count', 'asc; DROP TABLE alma.users']] }, /order direction is "asc" or "desc"/],
  ['a time zone carrying SQL', { ...count, timezone: "UTC'; DROP TABLE alma.users; --" }, /valid IANA time zone/],
  ['a date that is not one', { ...count, filters: [{ member: 'users.creation_date', operator: 'afterDate', values: ['not a date'] }] }, /parse date/],
  ['a date range carrying SQL', { ...count, timeDimensions: [{ dimension: 'users.creation_date', dateRange: ["2020-01-01'; DROP TABLE alma.users; --", '2021-01-01'] }] }, /date|timestamp/i],
  ['a NUL byte in a value', groupFilter(['\u0000']), /invalid byte sequence/],
  ['a prototype-pollution key', { ...count, constructor: { prototype: { polluted: true } } }, /"constructor" is not a query field/],
];

beforeAll(async () => {
  before = await tableChecksums(server.databaseUrl);
});
afterAll(async () => {
  // Nothing any case sent changed a row.
  expect(await tableChecksums(server.databaseUrl)).toEqual(before);
});

describe('REST /load under bad input', () => {
  it.each(REFUSED)('refuses %s with a 400 saying why', async (_what, query, message) => {
    const answer = await postQuery(query);
    expect(answer.status, answer.error).toBe(400);
    expect(answer.error).toMatch(message);
  });

  it('refuses a GET whose query is not JSON, or missing', async () => {
    const notJson = await fetch(`${server.api}/load?query=%7B%22measures%22%3A%5B`, { headers: { Authorization: `Bearer ${token}` } });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toContain('Unable to decode query param as JSON');
    const missing = await fetch(`${server.api}/load`, { headers: { Authorization: `Bearer ${token}` } });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toContain('Query param is required');
  });

  it('treats SQL in filter values as values: quotes, comments and LIKE wildcards match nothing', async () => {
    for (const value of ["x'; DROP TABLE alma.users; --", "' OR '1'='1", '%', '_', '\\', '$1', "'; SELECT pg_sleep(10); --"]) {
      for (const operator of ['equals', 'contains', 'startsWith']) {
        const answer = await post(JSON.stringify({ query: groupFilter([value], operator) }));
        expect(answer.status, `${operator} ${value}: ${answer.error}`).toBe(200);
      }
      const response = await fetch(`${server.api}/load?query=${encodeURIComponent(JSON.stringify(groupFilter([value])))}`, { headers: { Authorization: `Bearer ${token}` } });
      // A rollup sums no rows to null, the raw table counts them to 0: either way, nobody matched.
      expect(Number((await response.json()).data[0]['users.count'] ?? 0)).toBe(0);
    }
  });

  it('answers a query with 20,000 filter values', async () => {
    const answer = await postQuery(groupFilter(Array.from({ length: 20_000 }, (_, i) => `value-${i}`)));
    expect(answer.status, answer.error).toBe(200);
  });

  it('answers a filter nested 50 levels deep', async () => {
    const answer = await postQuery({ ...count, filters: [nested(50)] });
    expect(answer.status, answer.error.slice(0, 200)).toBe(200);
  });

  it('keeps serving after all of it', async () => {
    const answer = await postQuery(count);
    expect(answer.status).toBe(200);
  });
});

// Cube's own gateway (pinned 1.7.43) answers these with a 500; src/cube/request-guards.ts
// refuses them first, with a message that says what is wrong.
describe('REST /load, shapes Cube\'s gateway would answer with a 500', () => {
  it.each([
    ['a POST body that is not JSON', () => post('{"query":{"measures":[}')],
    ['measures as a string, not a list', () => postQuery({ measures: 'users.count' })],
    ['a null query', () => fetch(`${server.api}/load?query=null`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => ({ status: r.status, error: '' }))],
    ['a limit above the row limit', () => postQuery({ ...count, limit: 100_000_000 })],
    ['a filter nested 2,000 levels deep (stack overflow)', () => postQuery({ ...count, filters: [nested(2_000)] })],
    ['a body above the size limit (60 MB)', () => post(JSON.stringify({ query: groupFilter(['x'.repeat(60 * 1024 * 1024)]) }))],
  ])('answers %s with a 4xx', async (_what, send) => {
    const answer = await send();
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  });
});
