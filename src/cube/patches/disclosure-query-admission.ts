import { UserError } from '@cubejs-backend/api-gateway/dist/src/user-error';
import { admitQuery, type CubeQuery, type ModelMemberKinds } from '../../disclosure/admit-query';
import { disclosurePolicyFor } from '../../disclosure/disclosure-policy';
import { DisclosureRefusal } from '../../disclosure/disclosure-refusal';
import { gatewayPrototype, metaMembers, type GatewayInternals, type RequestContext } from './cube-gateway-internals';

const installed = new WeakSet<object>();

// metaMembers hands out one array per compiled model and group; the kinds follow from it alone,
// so they are worked out once per array instead of once per query (a walk over every member).
const kindsOfMembers = new WeakMap<object, ModelMemberKinds>();

/** Time fields and measures of the compiled model, as the caller's context sees them. */
export async function memberKinds(gateway: GatewayInternals, context: RequestContext): Promise<ModelMemberKinds> {
  const members = await metaMembers(gateway, context);
  let kinds = kindsOfMembers.get(members);
  if (!kinds) {
    kinds = {
      timeMembers: new Set(members.filter((member) => member.type === 'time' && member.aggType === undefined).map((member) => member.name)),
      measures: new Set(members.filter((member) => member.aggType !== undefined).map((member) => member.name)),
      aliasOf: new Map(members.flatMap((member) => (member.aliasMember ? [[member.name, member.aliasMember] as const] : []))),
    };
    kindsOfMembers.set(members, kinds);
  }
  return kinds;
}

/**
 * For a group with a minimum cell size, every query Cube turns into SQL (REST
 * load, GraphQL, the SQL API) is first checked and rewritten by admitQuery: the
 * people of each cell are counted in the same SQL. Wraps
 * `getSqlQueriesInternal`, which runs after the privacy boundary has checked the
 * caller's members, so the internal measures added here are never the caller's.
 */
export function installDisclosureQueryAdmission(gateway: GatewayInternals = gatewayPrototype): void {
  if (installed.has(gateway)) return;
  installed.add(gateway);
  const original = gateway.getSqlQueriesInternal;
  gateway.getSqlQueriesInternal = async function getSqlQueriesInternal(this: GatewayInternals, context, normalizedQueries) {
    const settings = disclosurePolicyFor(context.securityContext);
    if (!settings) return original.call(this, context, normalizedQueries);
    const kinds = await memberKinds(this, context);
    let admitted: Record<string, unknown>[];
    try {
      // Cube's `total: true` count of rows is asked as a query of its own; it returns no cell values.
      admitted = normalizedQueries.map((query) => (query.totalQuery ? query : admitQuery(query as CubeQuery, settings, kinds)));
    } catch (error) {
      if (error instanceof DisclosureRefusal) throw new UserError(error.message);
      throw error;
    }
    return original.call(this, context, admitted);
  };
}
