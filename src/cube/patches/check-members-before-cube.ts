import { ApiGateway } from '@cubejs-backend/api-gateway';
import { loadMemberExpressionParser } from '../../boundary/check-member-expression';
import { checkQueryMembers } from '../../boundary/check-query-members';
import { EXPRESSION_PARAMS, takeExpressionParams } from '../../boundary/expression-params';
import { unreadableQuery } from '../../boundary/query-refusal';
import { cachedVisibleMembers, type CompiledCube } from '../../boundary/visible-members';

interface RequestContext {
  readonly securityContext?: unknown;
  readonly requestId?: string;
}

interface Gateway {
  parseQueryParam(query: unknown): unknown;
  getCompilerApi(context: RequestContext): Promise<{
    getCompilers(options: { requestId?: string }): Promise<{ metaTransformer: { cubes: CompiledCube[] } }>;
  }>;
}

type GetNormalizedQueries = (this: Gateway, query: unknown, context: RequestContext, ...rest: unknown[]) => Promise<unknown>;

const INSTALLED = Symbol.for('alma.privacy-boundary');

/**
 * The privacy boundary's one enforcement point. Every query Cube runs for a
 * caller passes through ApiGateway#getNormalizedQueries first: REST load, sql,
 * dry-run and subscribe (and websockets, which call load), GraphQL (which calls
 * load) and the SQL API's sqlApiLoad. Wrapped outermost, it checks every member
 * of every query against the caller's visible set before Cube reads the query,
 * so what Cube's own policies miss (filters, segments, time dimensions with
 * only a date range, the cubes behind the views) never reaches them.
 */
export function installMemberCheckBeforeCube(): void {
  const prototype = ApiGateway.prototype as unknown as Record<PropertyKey, unknown> & { getNormalizedQueries: GetNormalizedQueries };
  if (prototype[INSTALLED]) return;
  const original = prototype.getNormalizedQueries;
  if (typeof original !== 'function') throw new Error('Cube\'s ApiGateway has no getNormalizedQueries: the privacy boundary cannot be installed');
  prototype.getNormalizedQueries = async function checkMembersFirst(this: Gateway, query, context, ...rest) {
    const parsed = this.parseQueryParam(query);
    const compilerApi = await this.getCompilerApi(context);
    // The compiled model before any policy: the visible set is computed from it, not from what Cube would show.
    const model = (await compilerApi.getCompilers({ requestId: context.requestId })).metaTransformer.cubes;
    const visible = cachedVisibleMembers(model, context.securityContext);
    const queries = Array.isArray(parsed) ? parsed : [parsed];
    if (queries.length === 0) throw unreadableQuery('the query list is empty');
    await loadMemberExpressionParser();
    // Cube runs the queries as checked: member expressions as the boundary rewrote them.
    // Cube takes member expressions only where its caller says so (the SQL API's load and sql); elsewhere they are refused here, as a 400.
    const memberExpressions = rest[1] === true;
    // The values of member expressions' `$n$` travel with the query (the SQL API's load); Cube's normalization does not take them.
    const taken = queries.map((one) => takeExpressionParams(one, memberExpressions));
    if (queries.length > 1 && taken.some((one) => one.params)) throw unreadableQuery(`"${EXPRESSION_PARAMS}" is taken with a single query, not a list`);
    const checked = taken.map((one) => checkQueryMembers(one.query, visible, context.securityContext, memberExpressions, one.params?.length ?? 0));
    const normalized = await original.call(this, Array.isArray(parsed) ? checked : checked[0], context, ...rest);
    const params = taken[0]!.params;
    if (!params) return normalized;
    // Given back to each query Cube normalized, which Cube's getSql binds where the expressions say `$n$`
    // (its parameter allocator appends to the list: each query gets a copy of its own).
    const [queryType, queriesToRun, ...more] = normalized as [unknown, Record<string, unknown>[], ...unknown[]];
    return [queryType, queriesToRun.map((one) => ({ ...one, [EXPRESSION_PARAMS]: [...params] })), ...more];
  };
  prototype[INSTALLED] = true;
}

/**
 * Refuses to start when another wrapper of getNormalizedQueries was installed
 * after the member check: it would see queries before the check does.
 */
export function assertMemberCheckOutermost(): void {
  const current = (ApiGateway.prototype as unknown as { getNormalizedQueries: { name: string } }).getNormalizedQueries;
  if (current.name !== 'checkMembersFirst') {
    throw new Error('ApiGateway#getNormalizedQueries is wrapped outside the privacy boundary\'s member check; install that patch before installCubePatches()');
  }
}
