import { openDatabaseServer } from '../src/db/database-server';
import { rerunWithSeederSettings } from '../src/seed/seeder-memory-settings';
import { parseSeedArguments, SEED_USAGE, type SeedArguments } from '../src/seed/seed-arguments';
import { DatabaseNotEmptyError, seedDatabase } from '../src/seed/seed-database';
import { checkSeedPlan } from '../src/seed/seed-plan';

async function main(): Promise<void> {
  let args: SeedArguments;
  try {
    args = parseSeedArguments(process.argv.slice(2));
    checkSeedPlan(args);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${SEED_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const childExitCode = await rerunWithSeederSettings(__filename);
  if (childExitCode !== undefined) {
    process.exitCode = childExitCode;
    return;
  }
  const server = await openDatabaseServer();
  try {
    const result = await seedDatabase(server.connectionString, {
      users: args.users, seed: args.seed, asOf: args.asOf, whenNotEmpty: args.reset ? 'replace' : 'refuse',
    });
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    if (args.json) {
      console.log(JSON.stringify({ ...result, maxRssBytes }));
    } else {
      for (const [table, rows] of Object.entries(result.rows)) console.log(`alma.${table}: ${rows.toLocaleString('en-US')} rows`);
      console.log(`seeded in ${result.seconds.toFixed(1)} s, peak RSS ${(maxRssBytes / 2 ** 20).toFixed(0)} MiB`);
    }
  } catch (error) {
    console.error(error instanceof DatabaseNotEmptyError ? error.message : error);
    process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

void main();
