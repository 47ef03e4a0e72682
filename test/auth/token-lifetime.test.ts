import jwt from 'jsonwebtoken';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { maxTokenLifetimeSeconds } from '../../src/auth/token-lifetime';
import { sharedCubeServer } from '../support/cube-server';

// Over the real server: a token without exp, or living longer than the maximum,
// is refused by REST (401, saying why) and by the SQL API; one within it works.
const server = sharedCubeServer();
const now = Math.floor(Date.now() / 1000);
const TOKENS = {
  'without exp': jwt.sign({ group: 'analyst' }, server.apiSecret),
  'living longer than the maximum': jwt.sign({ group: 'analyst', iat: now, exp: now + maxTokenLifetimeSeconds() + 60 }, server.apiSecret),
  'of a dashboard without exp': jwt.sign({ group: 'dashboard', campus: ['MAIN'] }, server.apiSecret),
};

async function restStatus(token: string) {
  const response = await fetch(`${server.api}/meta`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
}

async function sqlConnects(token: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port: server.sqlPort, user: 'tool', password: token, database: 'db' });
  const connected = await client.connect().then(() => true, () => false);
  await client.end().catch(() => undefined);
  return connected;
}

describe.each(Object.entries(TOKENS))('a token %s', (_what, token) => {
  it('is refused over REST with 401, saying why', async () => {
    const answer = await restStatus(token);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text).error).toMatch(/no "exp"|longer than/);
  });

  it('is refused by the SQL API', async () => {
    expect(await sqlConnects(token)).toBe(false);
  });
});

describe('a token within the maximum lifetime', () => {
  it('is accepted by REST and the SQL API', async () => {
    const token = jwt.sign({ group: 'analyst', iat: now, exp: now + maxTokenLifetimeSeconds() }, server.apiSecret);
    expect((await restStatus(token)).status).toBe(200);
    expect(await sqlConnects(token)).toBe(true);
  });
});
