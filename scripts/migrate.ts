// npm run migrate (latest) / npm run migrate:rollback (all the way down)
import { runCommand, UsageError } from '../src/cli/run-command';
import { appliedMigrations, migrateToLatest, rollbackAll } from '../src/db/migrate';
import { withDatabase } from '../src/db/with-database';

const USAGE = 'usage: tsx scripts/migrate.ts latest|rollback   (npm run migrate, npm run migrate:rollback)';

runCommand(USAGE, async () => {
  const [direction, ...rest] = process.argv.slice(2);
  if ((direction !== 'latest' && direction !== 'rollback') || rest.length > 0) {
    throw new UsageError(`unexpected arguments: ${process.argv.slice(2).join(' ') || '(none)'}`);
  }
  const applied = await withDatabase(async (url) => {
    if (direction === 'latest') await migrateToLatest(url);
    else await rollbackAll(url);
    return appliedMigrations(url);
  });
  console.log(applied.length ? `applied migrations:\n  ${applied.join('\n  ')}` : 'no migrations applied');
});
