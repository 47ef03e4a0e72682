import jwt from 'jsonwebtoken';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { keepVerifiedClaims } from '../../src/auth/verified-claims-per-token';
import { verifyToken } from '../../src/auth/verify-token';

// With the request caches on, a token's verified claims are kept per token string and key: the clock is
// still read on every use, so a kept token refuses exactly when and as a fresh check would.
const SECRET = 'k'.repeat(40);
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const seconds = (ms: number) => Math.floor(ms / 1000);

function refusal(token: string): unknown {
  try {
    return { context: verifyToken(token) };
  } catch (error) {
    return { status: (error as { status?: number }).status, message: (error as Error).message };
  }
}

describe('verified claims kept per token', () => {
  beforeAll(() => {
    process.env.CUBEJS_API_SECRET = SECRET;
    keepVerifiedClaims();
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    process.env.CUBEJS_API_SECRET = SECRET;
  });

  it('verifies the signature once per token, and gives each call a context of its own', () => {
    const verify = vi.spyOn(jwt, 'verify');
    const token = jwt.sign({ group: 'dashboard', campus: ['MAIN'] }, SECRET, { expiresIn: '1h' });
    const first = verifyToken(token);
    const second = verifyToken(`Bearer ${token}`);
    expect(second).toEqual({ group: 'dashboard', campus: ['MAIN'] });
    expect(second).not.toBe(first);
    expect(second.campus).not.toBe(first.campus);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('refuses a kept token once it expires, in the words of a fresh check', () => {
    vi.useFakeTimers({ now: NOW });
    const exp = seconds(NOW) + 60;
    const token = jwt.sign({ group: 'admin', exp }, SECRET);
    expect(refusal(token)).toEqual({ context: { group: 'admin' } });
    vi.setSystemTime(NOW + 59_999);
    expect(refusal(token)).toEqual({ context: { group: 'admin' } });
    vi.setSystemTime(NOW + 60_000);
    const expected = { status: 401, message: `The token expired at ${new Date(exp * 1000).toISOString()}` };
    expect(refusal(token)).toEqual(expected);
    // A token of the same claims never seen before is refused alike.
    expect(refusal(jwt.sign({ group: 'admin', exp, jti: 'fresh' }, SECRET))).toEqual(expected);
  });

  it('refuses a token before its nbf, and takes it from then on', () => {
    vi.useFakeTimers({ now: NOW });
    const nbf = seconds(NOW) + 30;
    const token = jwt.sign({ group: 'analyst', nbf, exp: nbf + 600 }, SECRET);
    expect(refusal(token)).toEqual({ status: 401, message: `The token is not valid before ${new Date(nbf * 1000).toISOString()}` });
    vi.setSystemTime(nbf * 1000);
    expect(refusal(token)).toEqual({ context: { group: 'analyst' } });
    vi.setSystemTime(NOW);
    expect(refusal(token)).toEqual({ status: 401, message: `The token is not valid before ${new Date(nbf * 1000).toISOString()}` });
  });

  it('judges the claims and the lifetime of a kept token on every use', () => {
    const tooLong = jwt.sign({ group: 'admin' }, SECRET, { expiresIn: '400d' });
    const unknown = jwt.sign({ group: 'librarian' }, SECRET, { expiresIn: '1h' });
    for (let round = 0; round < 2; round += 1) {
      expect(refusal(tooLong)).toMatchObject({ status: 401, message: expect.stringContaining('valid for longer than') });
      expect(refusal(unknown)).toMatchObject({ status: 403, message: expect.stringContaining('is not one the model knows') });
    }
  });

  it('keeps nothing across secrets and nothing for a token that differs by a character', () => {
    const token = jwt.sign({ group: 'admin' }, SECRET, { expiresIn: '1h' });
    expect(refusal(token)).toEqual({ context: { group: 'admin' } });
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(refusal(tampered)).toMatchObject({ status: 401, message: expect.stringContaining('signature') });
    process.env.CUBEJS_API_SECRET = 'z'.repeat(40);
    expect(refusal(token)).toEqual({ status: 401, message: 'The token\'s signature does not match the API secret' });
  });
});
