import { sharedCubeServer, tokenFor, type SharedCubeServer } from '../support/cube-server';

export type CubeQuery = Record<string, unknown>;

/** A caller of a Cube server's REST API (the shared one by default) with a token for `group` (and `campus`, for dashboards). */
export function restClient(group: string, campus?: string[], server: Pick<SharedCubeServer, 'api' | 'apiSecret'> = sharedCubeServer()) {
  const token = tokenFor(server, group, campus);
  const call = async (path: string, init: RequestInit = {}) => {
    // Cube answers "Continue wait" while a query or pre-aggregation is still running.
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetch(`${server.api}${path}`, { ...init, headers: { Authorization: token, 'Content-Type': 'application/json' } });
      const body = await response.json() as Record<string, any>;
      if (body.error !== 'Continue wait' || attempt > 120) return { status: response.status, body };
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  const post = (path: string, query: CubeQuery) => call(path, { method: 'POST', body: JSON.stringify({ query }) });
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
