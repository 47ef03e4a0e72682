import jwt from 'jsonwebtoken';
import { apiSecret } from './api-secret';
import { securityContextFromClaims, type SecurityContext } from './security-context';
import { tokenLifetimeProblem } from './token-lifetime';

/**
 * A token for `context`, signed with the server's secret. `expiresIn` takes
 * jsonwebtoken's forms ("30d", "12h", seconds as a number), and may not exceed
 * the maximum lifetime of model/privacy.yml (the server would refuse the token).
 */
export function signToken(context: SecurityContext, expiresIn: string | number = '30d'): string {
  // Validate through the same path the server uses, so a token we mint is one the server accepts.
  securityContextFromClaims({ ...context });
  const token = jwt.sign({ ...context }, apiSecret(), { algorithm: 'HS256', expiresIn: expiresIn as jwt.SignOptions['expiresIn'] });
  const problem = tokenLifetimeProblem(jwt.decode(token) as jwt.JwtPayload);
  if (problem) throw new Error(problem.replace('The token is', 'A token would be'));
  return token;
}
