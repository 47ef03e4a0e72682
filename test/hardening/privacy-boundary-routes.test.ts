import { describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { queryRows } from '../support/query-rows';
import { hiddenUserMembers } from './support/hidden-members';

// Routes that disclose the model's shape or its SQL: admin-only ones however the
// path is spelled, GraphQL introspection, and /meta. An analyst or dashboard token
// must find there no member it may not query, and no cube behind the views.
const server = sharedCubeServer();
const GROUPS = ['analyst', 'dashboard'] as const;
const QUERY = encodeURIComponent(JSON.stringify({ measures: ['users.count'], dimensions: ['users.user_group'] }));

async function tokenOf(group: string): Promise<string> {
  const { campus } = (await queryRows<{ campus: string }>(server.databaseUrl, 'SELECT campus_code AS campus FROM alma.users GROUP BY 1 ORDER BY count(*) DESC LIMIT 1'))[0]!;
  return tokenFor(server, group, group === 'dashboard' ? [campus] : undefined);
}

async function call(path: string, token: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
  return { status: response.status, text: await response.text() };
}

/** Spellings of an admin-only endpoint that a router might take for it. */
const spellings = (endpoint: string) => [
  `/cubejs-api/v1/${endpoint}`, `/cubejs-api/v1/${endpoint.toUpperCase()}`, `/cubejs-api/v1/${endpoint[0]!.toUpperCase()}${endpoint.slice(1)}`,
  `/cubejs-api/v1/${endpoint}/`, `/cubejs-api/v1//${endpoint}`, `/cubejs-api/v1/./${endpoint}`, `/cubejs-api//v1/${endpoint}`,
  `/cubejs-api/v1%2F${endpoint}`, `/cubejs-api/v1/%${endpoint.charCodeAt(0).toString(16)}${endpoint.slice(1)}`, `/CUBEJS-API/V1/${endpoint.toUpperCase()}`,
];

/** Names of members `group` may not see, as GraphQL and /meta would spell them. */
function hiddenNames(group: string): RegExp[] {
  return hiddenUserMembers(group).flatMap((member) => [
    new RegExp(`\\busers\\.${member}\\b`),
    new RegExp(`"${member}"`),
    new RegExp(`"${member.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())}"`),
  ]);
}

describe.each(GROUPS)('a %s token', (group) => {
  it.each(['dry-run', 'sql'])('gets neither the SQL nor the normalized query of /%s, however the path is spelled', async (endpoint) => {
    const token = await tokenOf(group);
    for (const path of spellings(endpoint)) {
      for (const answer of [await call(`${path}?query=${QUERY}`, token), await call(path, token, { method: 'POST', body: JSON.stringify({ query: JSON.parse(decodeURIComponent(QUERY)) }) })]) {
        expect(answer.status, `${path}: ${answer.text.slice(0, 200)}`).not.toBe(200);
        expect(answer.text, path).not.toMatch(/normalizedQueries|"sql"\s*:|SELECT/i);
      }
    }
  });

  it('is told /sql and /dry-run are for admin tokens only', async () => {
    const token = await tokenOf(group);
    for (const endpoint of ['sql', 'DRY-RUN']) {
      const answer = await call(`/cubejs-api/v1/${endpoint}?query=${QUERY}`, token);
      expect(answer.status).toBe(403);
      expect(answer.text).toContain('is for admin tokens only');
    }
  });

  it('gets from /subscribe (the route websockets share) the refusal of a member that does not exist', async () => {
    const token = await tokenOf(group);
    const ask = (member: string) => call(`/cubejs-api/v1/subscribe?query=${encodeURIComponent(JSON.stringify({ measures: ['users.count'], filters: [{ member, operator: 'set' }] }))}`, token);
    const [hidden, unknown] = [await ask('user_details.full_name'), await ask('users.no_such_member')];
    expect(hidden.status).toBe(400);
    const words = (text: string, asked: string) => String(JSON.parse(text).error).replace(asked, '<m>').replace(/ Did you mean.*$/, '');
    expect(words(hidden.text, 'user_details.full_name')).toBe(words(unknown.text, 'users.no_such_member'));
  });

  it('finds no member it may not query through GraphQL introspection', async () => {
    const introspection = { query: '{ __schema { types { name fields { name } inputFields { name } } } }' };
    const answer = await call('/cubejs-api/graphql', await tokenOf(group), { method: 'POST', body: JSON.stringify(introspection) });
    if (answer.status === 200) {
      expect(answer.text).toContain('__Schema');
      for (const name of hiddenNames(group)) expect(answer.text, String(name)).not.toMatch(name);
      expect(answer.text).not.toMatch(/UserDetails|user_details|"Loans"/);
    } else {
      expect(answer.status).toBe(403);
      expect(answer.text).toMatch(/GraphQL/);
    }
  });

  it('gets GraphQL answers over its own members, and for a hidden one the error of a field that does not exist', async () => {
    const token = await tokenOf(group);
    const ask = (fields: string) => call('/cubejs-api/graphql', token, { method: 'POST', body: JSON.stringify({ query: `{ cube { users { ${fields} } } }` }) });
    const visible = await ask('count user_group');
    expect(visible.status, visible.text.slice(0, 300)).toBe(200);
    expect(JSON.parse(visible.text).data?.cube?.length ?? 0).toBeGreaterThan(0);
    const [hidden, unknown] = [await ask('full_name'), await ask('no_such_member')];
    const words = (text: string, asked: string) => JSON.stringify(JSON.parse(text).errors?.map((error: { message: string }) => error.message.replace(asked, '<m>').replace(/ Did you mean.*$/, '')));
    expect(hidden.text).not.toContain('"data":{');
    expect(words(hidden.text, 'full_name')).toBe(words(unknown.text, 'no_such_member'));
  });

  it('finds in /meta no hidden member, no cube behind the views and no internal member', async () => {
    const answer = await call('/cubejs-api/v1/meta', await tokenOf(group));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('users.user_group');
    for (const name of hiddenNames(group)) expect(answer.text, String(name)).not.toMatch(name);
    expect(answer.text).not.toMatch(/"(user_details|loans|fines_fees|borrowing_requests)[."]|disclosure_|_unmasked|aliasMember/);
  });
});

describe('an admin token', () => {
  it('still reads /dry-run, /sql and GraphQL introspection', async () => {
    const token = tokenFor(server, 'admin');
    for (const endpoint of ['dry-run', 'sql']) {
      const answer = await call(`/cubejs-api/v1/${endpoint}?query=${QUERY}`, token);
      expect(answer.status, answer.text.slice(0, 200)).toBe(200);
    }
    const graphql = await call('/cubejs-api/graphql', token, { method: 'POST', body: JSON.stringify({ query: '{ __schema { types { name } } }' }) });
    expect(graphql.status).toBe(200);
    expect(graphql.text).toContain('__Schema');
  });
});
