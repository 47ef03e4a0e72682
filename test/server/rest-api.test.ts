import jwt from 'jsonwebtoken';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';

// The server every suite shares: scripts/start.ts over the test database.
const server = sharedCubeServer();
const get = (path: string, token?: string) =>
  fetch(`${server.api}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
const load = (query: object, token: string) => get(`/load?query=${encodeURIComponent(JSON.stringify(query))}`, token);

describe('the REST API', () => {
  it('answers /readyz once it serves', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
  });

  it('serves /meta and /load to an admin token, with counts equal to direct SQL', async () => {
    const token = tokenFor(server, 'admin');
    const meta = await (await get('/meta', token)).json();
    expect(meta.cubes.map((cube: { name: string }) => cube.name)).toContain('users');
    const body = await (await load({ measures: ['users.count'], dimensions: ['users.user_group'] }, token)).json();
    const client = new pg.Client(server.databaseUrl);
    await client.connect();
    const direct = await client.query('SELECT user_group, count(*)::text AS count FROM alma.users GROUP BY 1');
    await client.end();
    const fromCube = Object.fromEntries(body.data.map((row: Record<string, string>) => [row['users.user_group'], String(row['users.count'])]));
    expect(fromCube).toEqual(Object.fromEntries(direct.rows.map((row) => [row.user_group, row.count])));
  });

  // Each refusal names its reason, and none echoes the token.
  it.each([
    ['no token', undefined, 401, 'No token'],
    ['an expired token', jwt.sign({ group: 'admin', exp: 1_000_000 }, 'x'.repeat(64)), 401, ''],
    ['an unsigned alg:none token', jwt.sign({ group: 'admin' }, '', { algorithm: 'none' }), 401, 'not signed with HS256'],
    ['a token signed with another secret', jwt.sign({ group: 'admin' }, 'y'.repeat(64)), 401, 'signature does not match'],
    ['a token not yet valid', 'NBF', 401, 'not valid before'],
    ['a token for an unknown group', 'UNKNOWN', 403, 'not one the model knows'],
    ['a token without a group', 'NOGROUP', 403, 'no "group" claim'],
  ])('refuses %s', async (_label, given, status, message) => {
    const token = given === 'NBF' ? tokenFor(server, 'admin', undefined, { notBefore: '1h' })
      : given === 'UNKNOWN' ? tokenFor(server, 'librarian')
      : given === 'NOGROUP' ? jwt.sign({ campus: ['MAIN'] }, server.apiSecret)
      : given;
    const response = await get('/meta', token);
    expect(response.status).toBe(status);
    const text = await response.text();
    expect(JSON.parse(text).error).toContain(message);
    if (token) expect(text).not.toContain(token.split('.')[1]);
  });

  it('refuses an expired token signed with the right secret, saying it expired', async () => {
    const token = jwt.sign({ group: 'admin', exp: Math.floor(Date.now() / 1000) - 10 }, server.apiSecret);
    const response = await get('/meta', token);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('expired');
  });
});
