// npm start: the database (embedded, or DATABASE_URL), its schema, a small data
// set when it is empty, then Cube's REST and SQL APIs. Ctrl-C stops it all.
import { join, relative } from 'node:path';
import { dataFolder } from '../src/data-folder';
import { openDatabaseServer } from '../src/db/database-server';
import { updateDataFolderOwner } from '../src/db/data-folder-owner';
import { migrateToLatest } from '../src/db/migrate';
import { seedIfEmpty } from '../src/seed/seed-if-empty';
import { startCubeServer } from '../src/cube/start-cube-server';
import { mountDashboard } from '../src/dashboard/mount-dashboard';
import { developmentDashboardLink } from '../src/dashboard/development-dashboard-link';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main() {
  // A second npm start on the same data folder refuses, naming the one that runs (pid, ports): two servers
  // would fight over one PostgreSQL. Several API instances on one database: DATABASE_URL (docs/DEPLOYMENT.md).
  const database = await openDatabaseServer(process.env.ALMA_PG_LOG ? (line) => log(`postgres: ${line}`) : undefined, 'refuse');
  let stopping = false;
  const stopDatabase = async () => {
    if (database.embedded) await database.stop();
  };
  try {
    log(database.embedded ? `database: embedded PostgreSQL (${relative(process.cwd(), join(dataFolder(), 'postgres')) || '.'})` : 'database: DATABASE_URL');
    await migrateToLatest(database.connectionString);
    if (await seedIfEmpty(database.connectionString, { users: Number(process.env.ALMA_SEED_USERS ?? 2000), log })) {
      log('database: seeded a small default data set (npm run seed -- --users N --reset for more)');
    }
    const cube = await startCubeServer(database.connectionString);
    mountDashboard(cube.app);
    if (database.embedded) updateDataFolderOwner({ restPort: cube.port, sqlPort: cube.sqlPort });
    log(`REST API: http://localhost:${cube.port}/cubejs-api/v1 (ready: /readyz; dashboard: /dashboard?token=...)`);
    if (cube.sqlPort) log(`SQL API: postgres://<any user>:<token>@localhost:${cube.sqlPort}/db`);
    log('a token: npm run token -- --group admin');
    const link = developmentDashboardLink(cube.port, Boolean(process.stderr.isTTY));
    if (link) log(`dashboard (development; an analyst token valid for 1 hour): ${link}`);
    log(`what this server is: http://localhost:${cube.port}/`);
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: stopping`);
      await cube.stop().catch((error) => log(`cube: ${String(error)}`));
      await stopDatabase().catch((error) => log(`database: ${String(error)}`));
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  } catch (error) {
    await stopDatabase().catch(() => undefined);
    throw error;
  }
}

main().catch((error) => {
  log(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
