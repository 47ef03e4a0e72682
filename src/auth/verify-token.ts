import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { apiSecret } from './api-secret';
import { InvalidClaimsError, securityContextFromClaims, type SecurityContext } from './security-context';
import { tokenLifetimeProblem } from './token-lifetime';
import { keepClaims, keptClaims } from './verified-claims-per-token';

/** Why a token was refused; `status` is the HTTP status the REST API answers with. */
export class TokenRefusedError extends Error {
  constructor(readonly status: 401 | 403, message: string) {
    super(message);
    this.name = 'TokenRefusedError';
  }
}

let verificationKey: { secret: string; key: KeyObject } | undefined;

// Given the secret as a string, jsonwebtoken first tries to read it as a public key, a failure that
// costs more than the rest of the check on every token; as a secret key object it goes straight to HMAC.
function secretKey(): KeyObject {
  const secret = apiSecret();
  if (verificationKey?.secret !== secret) verificationKey = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  return verificationKey.key;
}

/**
 * Verifies a JWT signed with HS256 and the API secret, and returns the
 * security context it carries. Only HS256 is accepted, so `alg: none` and
 * tokens signed with another algorithm are refused; the token must expire, and
 * within the maximum lifetime of model/privacy.yml. Messages say what is wrong
 * and never echo the token. Claims are judged before the lifetime, so a token
 * for the wrong group is told so whatever its expiry.
 */
export function verifyToken(token: string | undefined): SecurityContext {
  if (!token) throw new TokenRefusedError(401, 'No token: send "Authorization: Bearer <token>" (npm run token -- --group <group>)');
  const bare = token.replace(/^Bearer\s+/i, '').trim();
  const claims = verifiedClaims(bare);
  if (typeof claims !== 'object' || claims === null) throw new TokenRefusedError(401, 'The token carries no claims');
  let context: SecurityContext;
  try {
    context = securityContextFromClaims(claims);
  } catch (error) {
    if (error instanceof InvalidClaimsError) throw new TokenRefusedError(403, `Token refused: ${error.message}`);
    throw error;
  }
  const lifetimeProblem = tokenLifetimeProblem(claims);
  if (lifetimeProblem) throw new TokenRefusedError(401, lifetimeProblem);
  return context;
}

/** The token's claims, checked as jsonwebtoken checks them (signature, algorithm, then nbf and exp against the clock). */
function verifiedClaims(token: string): jwt.JwtPayload | string {
  const key = secretKey();
  const kept = keptClaims(token, key);
  if (kept) {
    const clockError = clockErrorOf(kept);
    if (clockError) throw new TokenRefusedError(401, describeJwtError(clockError));
    return kept;
  }
  let claims: jwt.JwtPayload | string;
  try {
    claims = jwt.verify(token, key, { algorithms: ['HS256'] });
  } catch (error) {
    throw new TokenRefusedError(401, describeJwtError(error));
  }
  if (typeof claims === 'object' && claims !== null) keepClaims(token, key, claims);
  return claims;
}

/** What jsonwebtoken's verify says of verified claims at this second: not yet valid, expired, or nothing. */
function clockErrorOf(claims: jwt.JwtPayload): Error | undefined {
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.nbf === 'number' && claims.nbf > now) return new jwt.NotBeforeError('jwt not active', new Date(claims.nbf * 1000));
  if (typeof claims.exp === 'number' && now >= claims.exp) return new jwt.TokenExpiredError('jwt expired', new Date(claims.exp * 1000));
  return undefined;
}

function describeJwtError(error: unknown): string {
  if (error instanceof jwt.TokenExpiredError) return `The token expired at ${error.expiredAt.toISOString()}`;
  if (error instanceof jwt.NotBeforeError) return `The token is not valid before ${error.date.toISOString()}`;
  if (error instanceof jwt.JsonWebTokenError) {
    if (error.message === 'invalid algorithm' || error.message === 'jwt signature is required') return 'The token is not signed with HS256 (unsigned "alg: none" tokens are refused)';
    if (error.message === 'invalid signature') return 'The token\'s signature does not match the API secret';
    if (error.message === 'jwt must be provided' || error.message === 'jwt malformed') return 'The token is not a JWT';
    return `The token is invalid: ${error.message}`;
  }
  return 'The token could not be verified';
}
