import type { IncomingMessage, ServerResponse } from 'node:http';
import { TokenRefusedError, verifyToken } from '../auth/verify-token';
import { can, whoCan } from '../auth/security-context';
import { modelReloadStatuses } from './model-reload-status';

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

/**
 * GET /dashboard/model-status, for admins: whether the newest model files on
 * disk compile, their errors with file and line, and whether the server is
 * still serving the last good model. Model errors quote the model's source,
 * so only the admin group may read them.
 */
export function modelStatusRoute(req: IncomingMessage, res: ServerResponse): void {
  let context: unknown;
  try {
    context = verifyToken(req.headers.authorization);
  } catch (error) {
    if (error instanceof TokenRefusedError) send(res, error.status, { error: error.message });
    else send(res, 401, { error: 'The token could not be verified' });
    return;
  }
  if (can(context, 'read_model_status')) send(res, 200, { models: modelReloadStatuses() });
  else send(res, 403, { error: `The model status quotes the model's source and is for ${whoCan('read_model_status')}` });
}
