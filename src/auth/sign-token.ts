import jwt from 'jsonwebtoken';
import { apiSecret } from './api-secret';
import { securityContextFromClaims, type SecurityContext } from './security-context';

/**
 * A token for `context`, signed with the server's secret. `expiresIn` takes
 * jsonwebtoken's forms ("30d", "12h", seconds as a number).
 */
export function signToken(context: SecurityContext, expiresIn: string | number = '30d'): string {
  // Validate through the same path the server uses, so a token we mint is one the server accepts.
  securityContextFromClaims({ ...context });
  return jwt.sign({ ...context }, apiSecret(), { algorithm: 'HS256', expiresIn: expiresIn as jwt.SignOptions['expiresIn'] });
}
