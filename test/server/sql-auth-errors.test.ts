import jwt from 'jsonwebtoken';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';

// The SQL API says why a token was refused, as REST does (28P01 and the reason), and never quotes the token.
const server = () => sharedCubeServer();

async function connectWith(password: string): Promise<{ code?: string; message: string }> {
  const client = new pg.Client({ host: '127.0.0.1', port: server().sqlPort, user: 'librarian', password, database: 'db' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return { message: 'connected' };
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
}

describe('SQL API authentication failures give the reason', () => {
  const cases: [string, () => string, RegExp][] = [
    ['an expired token says when it expired', () => tokenFor(server(), 'analyst', undefined, { expiresIn: -3600 }), /: The token expired at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/],
    ['a password that is not a JWT says so', () => 'hunter2-is-not-a-token', /: The token is not a JWT$/],
    ['a token signed with another secret says the signature does not match', () => tokenFor({ apiSecret: 'another-secret-0123456789abcdef0123456789abcdef' }, 'analyst'), /: The token's signature does not match the API secret$/],
    ['a dashboard token without a campus claim says which claim is missing', () => tokenFor(server(), 'dashboard'), /: Token refused: the group "dashboard" needs a "campus" claim/],
    ['an unsigned token says it is not signed with HS256', () => jwt.sign({ group: 'admin' }, '', { algorithm: 'none', expiresIn: '1h' }), /not signed with HS256/],
  ];
  for (const [what, password, reason] of cases) {
    it(what, async () => {
      const token = password();
      const refused = await connectWith(token);
      expect(refused.code).toBe('28P01');
      expect(refused.message).toMatch(/^password authentication failed for user "librarian": /);
      expect(refused.message).toMatch(reason);
      expect(refused.message).not.toContain(token);
      expect(refused.message).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}/);
    });
  }

  it('an empty password says the password is a token', async () => {
    const refused = await connectWith('');
    expect(refused.code).toBe('28P01');
    expect(refused.message).toContain('no password; the password is a token (npm run token -- --group <group>)');
  });

  it('a good token still connects', async () => {
    expect((await connectWith(tokenFor(server(), 'analyst'))).message).toBe('connected');
  });
});
