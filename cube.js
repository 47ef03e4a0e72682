// Cube configuration: who the caller is (auth), what groups that makes them
// (access policies in model/ are written per group), and the same for the SQL
// API. Claims, groups and capabilities are read by src/auth/security-context.ts;
// everything else is environment, set by src/cube/cube-environment.ts.
const { CubejsHandlerError } = require('@cubejs-backend/api-gateway/dist/src/cubejs-handler-error');
const { verifyToken, TokenRefusedError } = require('./src/auth/verify-token');
const { groupPolicyOf, preAggregationBuildContext } = require('./src/auth/security-context');
const { apiScopesFor, routeRefusal } = require('./src/cube/capability-routes');

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
    // /sql, /dry-run, GraphQL...: routes a capability opens, matched on the normalized path.
    const refusal = routeRefusal(req, req.securityContext);
    if (refusal) throw new CubejsHandlerError(403, 'Forbidden', refusal);
  },

  // The second line behind checkAuth: Cube's own scopes, from the same capabilities.
  contextToApiScopes: (securityContext, defaultScopes) => apiScopesFor(securityContext, defaultScopes),

  // Access policies match on these. An unknown or missing group yields none, so nothing is visible.
  contextToGroups: ({ securityContext }) => {
    const policy = groupPolicyOf(securityContext);
    return policy ? [policy.name] : [];
  },

  // SQL API: the user name is free, the password is a token from `npm run token`.
  checkSqlAuth: (_req, _user, password) => {
    if (!password) throw new Error('The SQL API password is a token: npm run token -- --group <group>');
    const securityContext = verifyToken(password);
    return { password, superuser: false, securityContext };
  },

  // `SET user = ...` / `__user` would change whose policies apply; nobody may.
  canSwitchSqlUser: () => false,

  // Pre-aggregations are built with full access; each query still applies its caller's policies.
  scheduledRefreshContexts: () => [{ securityContext: preAggregationBuildContext() }],
};
