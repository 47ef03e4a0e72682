// npm run validate: compiles model/ with Cube's schema compiler (once), prints each
// error as model/<file>:<line>: <message>, then checks the database for drift from
// the field list and the snapshot fields, naming each mismatch. Exits non-zero on any.
// `npm run validate -- <folder>` checks another model folder (next to model/, so
// the model files' require('../src/...') still resolves).
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { runCommand } from '../src/cli/run-command';
import { dataFolder } from '../src/data-folder';
import { pendingMigrations } from '../src/db/migrate';
import { schemaDrift } from '../src/db/schema-drift';
import { withDatabase } from '../src/db/with-database';
import { checkModel } from '../src/model/model-errors';
import { MODEL_FOLDER } from '../src/model/model-repository';

const USAGE = 'usage: npm run validate [-- <model folder>]';

runCommand(USAGE, async () => {
  const folder = process.argv[2] ? resolve(process.argv[2]) : MODEL_FOLDER;
  const { errors, compiled } = await checkModel(folder);
  for (const error of errors) {
    console.error(`${relative(process.cwd(), join(folder, error.fileName))}:${error.line}: ${error.message}`);
  }
  if (errors.length > 0 || !compiled) throw new Error(`\n${errors.length} error(s) in the model.`);
  const names = compiled.cubeEvaluator.cubeNames();
  const views = names.filter((name) => compiled.cubeEvaluator.cubeFromPath(name).isView);
  console.log(`The model is valid: ${names.length - views.length} cubes, ${views.length} views (${views.join(', ')}).`);
  await checkDatabase();
});

/** The database against the field list: DATABASE_URL, or the embedded one once it exists (validate creates none). */
async function checkDatabase(): Promise<void> {
  if (!process.env.DATABASE_URL && !existsSync(join(dataFolder(), 'postgres', 'PG_VERSION'))) {
    console.log('No database yet: npm start (or npm run migrate) creates it and checks it for drift.');
    return;
  }
  const { pending, drifts } = await withDatabase(async (url) => ({ pending: await pendingMigrations(url), drifts: await schemaDrift(url) }));
  if (pending.length > 0) console.error(`${pending.length} migration(s) not yet applied (npm run migrate): ${pending.join(', ')}`);
  for (const line of drifts) console.error(`drift: ${line}`);
  if (drifts.length > 0) {
    throw new Error(pending.length > 0
      ? 'The database differs from the field list; npm run migrate applies the pending migrations, then run this again.'
      : 'The database differs from the field list: npm run migrate:make -- --from-field-list writes the migration, npm run migrate applies it.');
  }
  console.log(pending.length > 0 ? 'The database matches the field list, but for the pending migrations.' : 'The database matches the field list and the snapshot fields.');
}
