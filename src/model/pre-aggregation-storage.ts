/**
 * Where rollups are stored: in PostgreSQL itself (`external: false`), unless a
 * Cube Store cluster is named by CUBEJS_CUBESTORE_HOST, in which case they go
 * there. So the production topology of docs/DEPLOYMENT.md is reached from
 * environment variables alone, without editing the model.
 */
export function preAggregationStorage(env: NodeJS.ProcessEnv = process.env): { external: boolean } {
  return { external: Boolean(env.CUBEJS_CUBESTORE_HOST) };
}
