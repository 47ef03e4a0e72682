import { join, resolve } from 'node:path';
import type { Express } from 'express';
import { cubeEnvironment } from './cube-environment';
import { redactingLogger } from './redacting-logger';
import { beginShutdown, cancelledQueriesLine } from './queries-cancelled-at-shutdown';
import { installRequestGuards } from './request-guards';
import { mountFrontDoor } from './front-door';
import { databaseDriverOptions } from './database-driver';
import { LastGoodModelRepository } from '../model/last-good-model-repository';
import { preAggregationBuildContext } from '../auth/security-context';
import { installCubePatches } from './patches/install-cube-patches';
import { assertMemberCheckOutermost } from './patches/check-members-before-cube';
import { installDisclosureQueryAdmission } from './patches/disclosure-query-admission';
import { installDisclosureAnswerSuppression } from './patches/disclosure-answer-suppression';
import { installDisclosurePushdownRefusal } from './patches/disclosure-pushdown-refusal';

export interface RunningCube {
  readonly port: number;
  readonly sqlPort: number | undefined;
  readonly app: Express;
  stop(): Promise<void>;
}

// The repository, or dist/server when the server runs compiled (npm run build): there the compiled cube.js
// sits beside src/, and model/ links to the repository's, so model files' require('../src/...') finds JavaScript.
const REPOSITORY_ROOT = join(__dirname, '..', '..');

interface RefreshesPreAggregations {
  runScheduledRefresh(context: object, options: object): Promise<{ finished: boolean }>;
}

/**
 * Builds every rollup that does not exist yet before the API answers. On a
 * fresh database the first queries and the refresh worker would otherwise both
 * build the same rollup table in the same second, and one of them fails with
 * "relation already exists". Later versions are built by the refresh worker
 * while queries keep reading the previous one, so only the start needs this.
 */
async function buildPreAggregations(server: RefreshesPreAggregations): Promise<void> {
  for (let round = 0; round < 600; round += 1) {
    const { finished } = await server.runScheduledRefresh({ securityContext: preAggregationBuildContext() }, { preAggregationsWarmup: true });
    if (finished) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the pre-aggregations were not built within 5 minutes');
}

/**
 * Starts Cube's API server (REST, the SQL API when a port is set, the refresh
 * worker) in this process, over the database at `connectionString`, with the
 * auth of cube.js and the model in model/.
 */
export async function startCubeServer(connectionString: string): Promise<RunningCube> {
  Object.assign(process.env, cubeEnvironment(connectionString));
  // Cube resolves the model folder and cube.js against the working directory.
  process.chdir(REPOSITORY_ROOT);
  // Loaded only now: Cube reads part of its environment when its modules load.
  const { CubejsServer } = await import('@cubejs-backend/server');
  // The privacy boundary: every query's members checked before Cube reads it, /meta and admin-only handlers limited (src/boundary).
  installCubePatches();
  // Disclosure control runs inside Cube's gateway, behind the privacy boundary (src/disclosure).
  installDisclosureQueryAdmission();
  installDisclosureAnswerSuppression();
  installDisclosurePushdownRefusal();
  assertMemberCheckOutermost();
  const config = (await import(join(REPOSITORY_ROOT, 'cube.js'))).default;
  const server = new CubejsServer({
    ...config,
    ...databaseDriverOptions(),
    logger: redactingLogger,
    // Only model/cubes and model/views are model files (privacy.yml and the field list feed
    // generators); a change that breaks the model is reported and the last good one kept serving.
    repositoryFactory: () => new LastGoodModelRepository(resolve(REPOSITORY_ROOT, process.env.CUBEJS_SCHEMA_PATH ?? 'model')),
    // Never Cube's dev server: its playground mints tokens with an empty security context.
    devServer: false,
  });
  // Cube's gateway answers some malformed requests with a 500; ours go first (request-guards.ts).
  const core = (server as unknown as { core: { initApp(app: Express): Promise<void> } }).core;
  const initApp = core.initApp.bind(core);
  core.initApp = async (app) => {
    installRequestGuards(app);
    // Our "/" (what this server is, where to go) before Cube's "running in production mode".
    mountFrontDoor(app);
    await initApp(app);
  };
  await buildPreAggregations(server as unknown as RefreshesPreAggregations);
  const { app, port } = await server.listen();
  const sqlPort = process.env.CUBEJS_PG_SQL_PORT ? Number(process.env.CUBEJS_PG_SQL_PORT) : undefined;
  return {
    port: Number(port),
    sqlPort,
    app: app as unknown as Express,
    stop: async () => {
      beginShutdown();
      await server.shutdown('SIGTERM', true);
      const cancelled = cancelledQueriesLine();
      if (cancelled) process.stderr.write(`${cancelled}\n`);
    },
  };
}
