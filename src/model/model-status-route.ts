import { can, whoCan } from '../auth/security-context';
import { sendJson, tokenRoute } from '../auth/token-route';
import { modelReloadStatuses } from './model-reload-status';

/**
 * GET /dashboard/model-status, for admins: whether the newest model files on
 * disk compile, their errors with file and line, and whether the server is
 * still serving the last good model. Model errors quote the model's source,
 * so only the admin group may read them.
 */
export const modelStatusRoute = tokenRoute((context, res) => {
  if (can(context, 'read_model_status')) sendJson(res, 200, { models: modelReloadStatuses() });
  else sendJson(res, 403, { error: `The model status quotes the model's source and is for ${whoCan('read_model_status')}` });
});
