import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { authenticationCleartextPassword, authenticationMd5Password } from '../protocol/backend/authentication';
import { SqlApiError, SQLSTATE } from '../sql-api-error';
import type { SessionContext, SqlInterfaceOptions } from '../sql-interface-options';
import { md5PasswordAnswer } from './md5-password';
import { TokenRefusedError } from '../../auth/verify-token';

const JWT_LIKE = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;

/** Why the token was refused, as the REST API says it, never quoting the token. */
function refusalReason(error: unknown, password: string | null): string | undefined {
  if (!(error instanceof TokenRefusedError)) return undefined;
  const reason = password ? error.message.split(password).join('[token]') : error.message;
  return reason.replace(JWT_LIKE, '[token]');
}

/** How the server asks for the password: cleartext (the JWT itself) or MD5 (only when checkSqlAuth can return the password without being given it). */
export type AuthMethod = 'cleartext' | 'md5';

/** The method from CUBEJS_SQL_AUTH_METHOD; cleartext by default, since the password is a JWT that checkSqlAuth must read. */
export function authMethodFromEnv(): AuthMethod {
  return process.env.CUBEJS_SQL_AUTH_METHOD?.toLowerCase() === 'md5' ? 'md5' : 'cleartext';
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Asks for the password and lets cube.js's checkSqlAuth decide, as Cube's SQL API does:
 * it returns the expected password (or skipPasswordCheck) and the security context.
 * Any failure is 28P01 with PostgreSQL's wording; when the token itself was refused
 * (expired and when, not a JWT, wrong signature, a claim missing), the reason follows,
 * as the REST API gives it, without the token.
 */
export async function authenticate(
  method: AuthMethod,
  user: string,
  options: SqlInterfaceOptions,
  send: (message: Buffer) => void,
  readPassword: () => Promise<string>,
): Promise<SessionContext> {
  const failed = (reason?: string) => new SqlApiError(SQLSTATE.invalidPassword, `password authentication failed for user "${user}"${reason ? `: ${reason}` : ''}`);
  const request = { id: randomUUID(), meta: undefined };
  let password: string | null = null;
  try {
    if (method === 'md5') {
      const auth = await options.checkSqlAuth({ request, user, password: null });
      const salt = randomBytes(4);
      send(authenticationMd5Password(salt));
      const answer = await readPassword();
      if (!auth.skipPasswordCheck && (auth.password === null || !sameText(answer, md5PasswordAnswer(auth.password, user, salt)))) throw failed();
      return { user, superuser: auth.superuser ?? false, securityContext: auth.securityContext };
    }
    send(authenticationCleartextPassword());
    password = await readPassword();
    if (password === '') throw failed('no password; the password is a token (npm run token -- --group <group>)');
    const auth = await options.checkSqlAuth({ request, user, password });
    if (!auth.skipPasswordCheck && (auth.password === null || auth.password === undefined || !sameText(password, auth.password))) throw failed();
    return { user, superuser: auth.superuser ?? false, securityContext: auth.securityContext };
  } catch (e) {
    if (e instanceof SqlApiError) throw e;
    throw failed(refusalReason(e, password));
  }
}
