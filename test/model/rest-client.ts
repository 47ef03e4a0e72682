import { sharedCubeServer, tokenFor, type SharedCubeServer } from '../support/cube-server';
import { restCall } from '../support/rest-client';

export type CubeQuery = Record<string, unknown>;

/** A caller of a Cube server's REST API (the shared one by default) with a token for `group` (and `campus`, for dashboards). */
export function restClient(group: string, campus?: string[], server: Pick<SharedCubeServer, 'api' | 'apiSecret'> = sharedCubeServer()) {
  const token = tokenFor(server, group, campus);
  const call = async (path: string, body?: unknown) => {
    const answer = await restCall(`${server.api}${path}`, token, body);
    return { status: answer.status, body: answer.body as Record<string, any> };
  };
  const post = (path: string, query: CubeQuery) => call(path, { query });
  return {
    meta: () => call('/meta'),
    load: (query: CubeQuery) => post('/load', query),
    sql: (query: CubeQuery) => post('/sql', query),
    dryRun: (query: CubeQuery) => post('/dry-run', query),
  };
}

/** The members of the views a /meta answer lists. */
export function metaMembers(body: Record<string, any>): string[] {
  return (body.cubes ?? []).flatMap((cube: any) => [...cube.measures, ...cube.dimensions, ...cube.segments].map((member: any) => member.name)).sort();
}
