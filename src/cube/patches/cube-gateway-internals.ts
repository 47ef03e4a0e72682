/**
 * The parts of Cube 1.7.43's ApiGateway (node_modules/@cubejs-backend/api-gateway/dist/src/gateway.js)
 * that the disclosure patches wrap or call, typed as the patches use them.
 * test/cube-contract/disclosure-patches.unit.test.ts pins them to that release.
 */
import { ApiGateway } from '@cubejs-backend/api-gateway';

export interface RequestContext {
  securityContext: unknown;
  requestId?: string;
}

export interface SqlQuery {
  /** Column alias of the driver's rows to the member it holds (`users.creation_date.month` for a time dimension). */
  aliasNameToMember: Record<string, string>;
  [key: string]: unknown;
}

export interface AdapterResponse {
  /** The driver's rows, wrapped by Cube in a ResultWrapper. */
  data: Iterable<Record<string, unknown>>;
  [key: string]: unknown;
}

export interface MetaMember {
  name: string;
  type: string;
  aggType?: string;
  /** For a view member, the cube member it reads. */
  aliasMember?: string;
}

export interface GatewayInternals {
  getCompilerApi(context: RequestContext): Promise<{
    compilerId(options?: object): Promise<string>;
    metaConfig(context: RequestContext, options: object): Promise<{ config: { measures?: MetaMember[]; dimensions?: MetaMember[] } }[]>;
  }>;
  getSqlQueriesInternal(context: RequestContext, normalizedQueries: Record<string, unknown>[]): Promise<SqlQuery[]>;
  getSqlResponseInternal(context: RequestContext, normalizedQuery: Record<string, unknown>, sqlQuery: SqlQuery): Promise<AdapterResponse>;
  prepareResultTransformData(
    context: RequestContext, queryType: unknown, normalizedQuery: unknown, sqlQuery: unknown,
    annotation: Record<string, unknown>, response: AdapterResponse, responseType: unknown,
  ): unknown;
  sqlApiLoad(request: { context: RequestContext; query: unknown; sqlQuery?: unknown; streaming?: boolean; res: (answer: unknown) => unknown }): Promise<void>;
  stream(context: RequestContext, query: unknown): Promise<unknown>;
  handleError(options: { e: unknown; context: RequestContext; query: unknown; res: (answer: unknown) => unknown; requestStarted: Date }): void;
}

/** ApiGateway.prototype, as the patches see it. */
export const gatewayPrototype = ApiGateway.prototype as unknown as GatewayInternals;

// Per compiled model and group: a model reload gives a new compiler id, and the types of
// members do not depend on anything else in the security context.
const membersByModelAndGroup = new Map<string, Promise<MetaMember[]>>();

/** The members of the compiled model with their types, as the caller's group sees them. */
export async function metaMembers(gateway: GatewayInternals, context: RequestContext): Promise<MetaMember[]> {
  const compilerApi = await gateway.getCompilerApi(context);
  const group = String((context.securityContext as { group?: unknown } | undefined)?.group);
  const key = `${await compilerApi.compilerId({ requestId: context.requestId })}\u0000${group}`;
  let members = membersByModelAndGroup.get(key);
  if (!members) {
    if (membersByModelAndGroup.size > 32) membersByModelAndGroup.clear();
    members = compilerApi.metaConfig(context, { requestId: context.requestId })
      .then((meta) => meta.flatMap((cube) => [...(cube.config.measures ?? []), ...(cube.config.dimensions ?? [])]));
    membersByModelAndGroup.set(key, members);
    members.catch(() => membersByModelAndGroup.delete(key));
  }
  return members;
}
