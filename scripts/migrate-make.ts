// npm run migrate:make -- --from-field-list: writes the next migration for a change of
// model/user-details-fields.tsv or of model/privacy.yml's activity_snapshot, and lists it
// in src/db/migration-source.ts. It migrates a throwaway database on the project's server
// (DATABASE_URL or the embedded one) and compares its columns with today's config.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, UsageError } from '../src/cli/run-command';
import { fieldListMigration, nextMigrationName, withMigrationRegistered } from '../src/db/field-list-migration';
import { applyPendingMigrations } from '../src/db/migrate';
import { MIGRATIONS } from '../src/db/migration-source';
import { actualColumns, compareFieldColumns, describeDrift } from '../src/db/schema-drift';
import { withThrowawayDatabase } from '../src/db/throwaway-database';
import { withDatabase } from '../src/db/with-database';

const USAGE = 'usage: npm run migrate:make -- --from-field-list';
const ROOT = join(__dirname, '..');
const SOURCE = join(ROOT, 'src', 'db', 'migration-source.ts');

runCommand(USAGE, async () => {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0] !== '--from-field-list') throw new UsageError(`unexpected arguments: ${args.join(' ') || '(none)'}`);
  const drifts = await withDatabase((server) => withThrowawayDatabase(server, 'alma_migrate_make', async (url) => {
    await applyPendingMigrations(url);
    return compareFieldColumns(await actualColumns(url));
  }));
  if (drifts.length === 0) {
    console.log('The migrations already give every column the field list and the snapshot fields want: nothing to write.');
    return;
  }
  const why = drifts.map(describeDrift);
  const name = nextMigrationName(MIGRATIONS.map((entry) => entry.name), drifts, new Date());
  const file = join(ROOT, 'migrations', `${name}.ts`);
  writeFileSync(file, fieldListMigration(drifts, why), { flag: 'wx' });
  writeFileSync(SOURCE, withMigrationRegistered(readFileSync(SOURCE, 'utf8'), name));
  console.log(`wrote migrations/${name}.ts and listed it in src/db/migration-source.ts:\n${why.map((line) => `  ${line}`).join('\n')}`);
  console.log('Read it (a dropped column loses its values), then npm run migrate.');
});
