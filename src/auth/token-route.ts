import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SecurityContext } from './security-context';
import { TokenRefusedError, verifyToken } from './verify-token';

/** A JSON answer that no proxy or browser keeps: what it says depends on the token. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

/**
 * A GET route of our own beside Cube's: verifies the bearer token as Cube's
 * checkAuth does and answers a refused one with its status and reason, so
 * `handle` only ever sees a verified security context.
 */
export function tokenRoute(handle: (context: SecurityContext, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    let context: SecurityContext;
    try {
      context = verifyToken(req.headers.authorization);
    } catch (error) {
      if (error instanceof TokenRefusedError) sendJson(res, error.status, { error: error.message });
      else sendJson(res, 401, { error: 'The token could not be verified' });
      return;
    }
    handle(context, res);
  };
}
