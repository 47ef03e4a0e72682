import { UserError } from '@cubejs-backend/api-gateway/dist/src/user-error';
import { disclosurePolicyFor } from '../../disclosure/disclosure-policy';
import { gatewayPrototype, type GatewayInternals } from './cube-gateway-internals';

const PUSHED_DOWN = 'This group\'s answers must aggregate at least a minimum number of people per cell, which SQL run as written cannot guarantee; '
  + 'ask for measures grouped by dimensions so the query can be answered through the semantic layer.';
const STREAMED = 'Streamed answers are not available to a group with a minimum cell size; ask without streaming.';

const installed = new WeakSet<object>();

/**
 * The two ways an answer can leave Cube without passing getSqlResponseInternal,
 * where cells are suppressed: SQL the SQL API pushes down as written
 * (`sqlApiLoad` with `sqlQuery`) and streamed results (`sqlApiLoad` with
 * `streaming`, `stream`). Groups with a minimum cell size are refused both.
 */
export function installDisclosurePushdownRefusal(gateway: GatewayInternals = gatewayPrototype): void {
  if (installed.has(gateway)) return;
  installed.add(gateway);
  const sqlApiLoad = gateway.sqlApiLoad;
  gateway.sqlApiLoad = async function (this: GatewayInternals, request) {
    const refusal = disclosurePolicyFor(request.context?.securityContext)
      ? (request.sqlQuery ? PUSHED_DOWN : request.streaming ? STREAMED : undefined)
      : undefined;
    if (!refusal) return sqlApiLoad.call(this, request);
    this.handleError({ e: new UserError(refusal), context: request.context, query: request.query, res: request.res, requestStarted: new Date() });
    return undefined;
  };
  const stream = gateway.stream;
  gateway.stream = async function (this: GatewayInternals, context, query) {
    if (disclosurePolicyFor(context?.securityContext)) throw new UserError(STREAMED);
    return stream.call(this, context, query);
  };
}
