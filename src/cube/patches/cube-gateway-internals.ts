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
}

export interface GatewayInternals {
  getCompilerApi(context: RequestContext): Promise<{ metaConfig(context: RequestContext, options: object): Promise<{ config: { measures?: MetaMember[]; dimensions?: MetaMember[] } }[]> }>;
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

/** The members of the compiled model with their types, as the caller's context sees them. */
export async function metaMembers(gateway: GatewayInternals, context: RequestContext): Promise<MetaMember[]> {
  const meta = await (await gateway.getCompilerApi(context)).metaConfig(context, { requestId: context.requestId });
  return meta.flatMap((cube) => [...(cube.config.measures ?? []), ...(cube.config.dimensions ?? [])]);
}
