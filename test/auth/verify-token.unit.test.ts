import jwt from 'jsonwebtoken';
import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/auth/sign-token';
import { verifyToken } from '../../src/auth/verify-token';

const SECRET = 'a'.repeat(40);

describe('tokens', () => {
  beforeAll(() => {
    process.env.CUBEJS_API_SECRET = SECRET;
  });

  it('round-trips a minted token into the security context', () => {
    expect(verifyToken(signToken({ group: 'dashboard', campus: ['MAIN'] }))).toEqual({ group: 'dashboard', campus: ['MAIN'] });
  });

  it('refuses an expired token with 401 and says when it expired', () => {
    const token = jwt.sign({ group: 'admin', exp: Math.floor(Date.now() / 1000) - 60 }, SECRET);
    expect(() => verifyToken(token)).toThrow(expect.objectContaining({ status: 401, message: expect.stringContaining('expired') }));
  });

  it('refuses an unsigned alg:none token', () => {
    const token = jwt.sign({ group: 'admin' }, '', { algorithm: 'none' });
    expect(() => verifyToken(token)).toThrow(/not signed with HS256/);
  });

  it('refuses a token signed with another secret', () => {
    const token = jwt.sign({ group: 'admin' }, 'b'.repeat(40));
    expect(() => verifyToken(token)).toThrow(/signature does not match/);
  });

  it('refuses an unknown group with 403, naming the known ones', () => {
    const token = jwt.sign({ group: 'librarian' }, SECRET);
    expect(() => verifyToken(token)).toThrow(expect.objectContaining({ status: 403, message: expect.stringContaining('admin, analyst, dashboard') }));
  });

  it('never echoes the token in its message', () => {
    const token = jwt.sign({ group: 'admin' }, 'b'.repeat(40));
    try {
      verifyToken(token);
    } catch (error) {
      expect((error as Error).message).not.toContain(token.split('.')[1]);
    }
    expect.assertions(1);
  });
});
