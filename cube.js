// Cube configuration: who the caller is (auth), what groups that makes them
// (access policies in model/ are written per group), and the same for the SQL
// API. Everything else is environment, set by src/cube/cube-environment.ts.
const { CubejsHandlerError } = require('@cubejs-backend/api-gateway/dist/src/cubejs-handler-error');
const { verifyToken, TokenRefusedError } = require('./src/auth/verify-token');
const { knownGroups } = require('./src/auth/security-context');

function refuse(error) {
  if (error instanceof TokenRefusedError) {
    return new CubejsHandlerError(error.status, error.status === 401 ? 'Unauthorized' : 'Forbidden', error.message);
  }
  return error;
}

module.exports = {
  // REST: the bearer token is a JWT (HS256, CUBEJS_API_SECRET) with `group` and optional `campus` claims.
  checkAuth: (req, authorization) => {
    try {
      req.securityContext = verifyToken(authorization);
    } catch (error) {
      throw refuse(error);
    }
    // /dry-run needs only the `data` scope, yet answers with the compiled model's members, hidden ones included.
    if (/\/dry-run\/?$/.test(req.path || '') && req.securityContext.group !== 'admin') {
      throw new CubejsHandlerError(403, 'Forbidden', '/dry-run shows the whole model and is for admin tokens only');
    }
  },

  // /sql shows generated SQL and every member of the model, hidden ones included: admins only.
  contextToApiScopes: (securityContext, defaultScopes) => (
    securityContext && securityContext.group === 'admin' ? defaultScopes : defaultScopes.filter((scope) => scope !== 'sql')
  ),

  // Access policies match on these. An unknown or missing group yields none, so nothing is visible.
  contextToGroups: ({ securityContext }) => {
    const group = securityContext && securityContext.group;
    return knownGroups().includes(group) ? [group] : [];
  },

  // SQL API: the user name is free, the password is a token from `npm run token`.
  checkSqlAuth: (req, user, password) => {
    if (!password) throw new Error('The SQL API password is a token: npm run token -- --group <group>');
    const securityContext = verifyToken(password);
    return { password, superuser: false, securityContext };
  },

  // `SET user = ...` / `__user` would change whose policies apply; nobody may.
  canSwitchSqlUser: () => false,

  // Pre-aggregations are built with full access; each query still applies its caller's policies.
  scheduledRefreshContexts: () => [{ securityContext: { group: 'admin' } }],
};
