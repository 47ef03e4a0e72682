import { openDatabaseServer } from '../src/db/database-server';
import { appliedMigrations, migrateToLatest, rollbackAll } from '../src/db/migrate';

const USAGE = 'usage: tsx scripts/migrate.ts latest|rollback   (npm run migrate, npm run migrate:rollback)';

async function main(): Promise<void> {
  const [direction, ...rest] = process.argv.slice(2);
  if ((direction !== 'latest' && direction !== 'rollback') || rest.length > 0) {
    console.error(`unexpected arguments: ${process.argv.slice(2).join(' ') || '(none)'}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const server = await openDatabaseServer();
  try {
    if (direction === 'latest') await migrateToLatest(server.connectionString);
    else await rollbackAll(server.connectionString);
    const applied = await appliedMigrations(server.connectionString);
    console.log(applied.length ? `applied migrations:\n  ${applied.join('\n  ')}` : 'no migrations applied');
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
