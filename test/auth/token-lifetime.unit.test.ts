import jwt from 'jsonwebtoken';
import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/auth/sign-token';
import { maxTokenLifetimeSeconds } from '../../src/auth/token-lifetime';
import { verifyToken } from '../../src/auth/verify-token';

// A token must say when it expires, and may not live longer than the configured maximum.
const SECRET = 'c'.repeat(40);
const now = () => Math.floor(Date.now() / 1000);

describe('token lifetime', () => {
  beforeAll(() => {
    process.env.CUBEJS_API_SECRET = SECRET;
  });

  it('has a maximum of at least the token command\'s default (30 days)', () => {
    expect(maxTokenLifetimeSeconds()).toBeGreaterThanOrEqual(30 * 86_400);
  });

  it('accepts a token minted by npm run token with its default expiry', () => {
    expect(verifyToken(signToken({ group: 'analyst' }))).toEqual({ group: 'analyst' });
  });

  it('refuses a token without exp with 401, saying what to do', () => {
    const token = jwt.sign({ group: 'admin' }, SECRET);
    expect(() => verifyToken(token)).toThrow(expect.objectContaining({ status: 401, message: expect.stringMatching(/no "exp".*npm run token/) }));
  });

  it('refuses a token that lives longer than the maximum, counted from iat', () => {
    const iat = now();
    const token = jwt.sign({ group: 'admin', iat, exp: iat + maxTokenLifetimeSeconds() + 60 }, SECRET);
    expect(() => verifyToken(token)).toThrow(expect.objectContaining({ status: 401, message: expect.stringContaining('longer than') }));
  });

  it('refuses a long-lived token without iat (counted from now) and one whose iat is backdated', () => {
    const noIat = jwt.sign({ group: 'admin', exp: now() + maxTokenLifetimeSeconds() + 3600 }, SECRET, { noTimestamp: true });
    expect(() => verifyToken(noIat)).toThrow(/longer than/);
    const backdated = jwt.sign({ group: 'admin', iat: now() - 10 * 365 * 86_400, exp: now() + 3600 }, SECRET);
    expect(() => verifyToken(backdated)).toThrow(/longer than/);
  });

  it('accepts a token of exactly the maximum lifetime', () => {
    const iat = now();
    const token = jwt.sign({ group: 'admin', iat, exp: iat + maxTokenLifetimeSeconds() }, SECRET);
    expect(verifyToken(token)).toEqual({ group: 'admin' });
  });

  it('refuses signing a token above the maximum, so the command cannot mint one the server refuses', () => {
    expect(() => signToken({ group: 'admin' }, maxTokenLifetimeSeconds() + 1)).toThrow(/longer than/);
  });
});
