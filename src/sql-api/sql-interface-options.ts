/**
 * The callbacks Cube's SQLServer (api-gateway/dist/src/sql-server.js) passes to the
 * native module's `registerInterface`, with the shapes of @cubejs-backend/native's
 * index.d.ts. The Rust module passes JSON strings; this TypeScript server calls them with objects.
 */

export interface SqlRequest<Meta> {
  id: string;
  meta: Meta;
}

export interface LoadRequestMeta {
  protocol: string;
  apiType: string;
  appName?: string;
  /** Set when the statement switches the security context with `__user`. */
  changeUser?: string;
}

export interface SessionContext {
  user: string | null;
  superuser: boolean;
  securityContext: unknown;
}

export interface CheckSqlAuthResponse {
  password: string | null;
  superuser: boolean;
  securityContext: unknown;
  skipPasswordCheck?: boolean;
}

export interface SqlInterfaceOptions {
  pgPort?: number;
  gatewayPort?: number;
  checkSqlAuth(payload: { request: SqlRequest<undefined>; user: string | null; password: string | null }): Promise<CheckSqlAuthResponse> | CheckSqlAuthResponse;
  checkAuth(payload: { request: SqlRequest<LoadRequestMeta>; token: string }): unknown;
  contextToApiScopes(payload: { securityContext: unknown }): unknown;
  meta(payload: { request: SqlRequest<undefined>; session: SessionContext; onlyCompilerId?: boolean }): Promise<unknown> | unknown;
  sqlApiLoad(payload: {
    request: SqlRequest<LoadRequestMeta>;
    session: SessionContext;
    query: unknown;
    queryKey: unknown;
    sqlQuery: unknown;
    streaming: boolean;
    cacheMode: string;
  }): Promise<unknown> | unknown;
  stream(payload: unknown): unknown;
  sql(payload: unknown): unknown;
  sqlGenerators(paramsJson: string): unknown;
  logLoadEvent(payload: { request: SqlRequest<LoadRequestMeta>; session: SessionContext; event: string; properties: unknown }): unknown;
  canSwitchUserForSession(payload: { session: SessionContext; user: string }): Promise<unknown> | unknown;
}

export type ShutdownMode = 'fast' | 'semifast' | 'smart';

/** What registerInterface returns; opaque to Cube, which only hands it back to shutdownInterface. */
export interface SqlInterfaceInstance {
  __typename: 'sqlinterfaceinstance';
}
