// npm run seed -- --users N [--seed S] [--as-of YYYY-MM-DD] [--reset] [--json]
import { runCommand, UsageError } from '../src/cli/run-command';
import { withDatabase } from '../src/db/with-database';
import { rerunWithSeederSettings } from '../src/seed/seeder-memory-settings';
import { parseSeedArguments, SEED_USAGE, type SeedArguments } from '../src/seed/seed-arguments';
import { seedDatabase } from '../src/seed/seed-database';
import { checkSeedPlan } from '../src/seed/seed-plan';

function parseArguments(argv: readonly string[]): SeedArguments {
  try {
    const args = parseSeedArguments(argv);
    checkSeedPlan(args);
    return args;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

runCommand(SEED_USAGE, async () => {
  const args = parseArguments(process.argv.slice(2));
  // The seed runs in a child Node with bounded memory settings; this process only waits for it.
  const childExitCode = await rerunWithSeederSettings(__filename);
  if (childExitCode !== undefined) {
    process.exitCode = childExitCode;
    return;
  }
  const result = await withDatabase((url) => seedDatabase(url, {
    users: args.users, seed: args.seed, asOf: args.asOf, whenNotEmpty: args.reset ? 'replace' : 'refuse',
  }));
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  if (args.json) {
    console.log(JSON.stringify({ ...result, maxRssBytes }));
  } else {
    for (const [table, rows] of Object.entries(result.rows)) console.log(`alma.${table}: ${rows.toLocaleString('en-US')} rows`);
    console.log(`seeded in ${result.seconds.toFixed(1)} s, peak RSS ${(maxRssBytes / 2 ** 20).toFixed(0)} MiB`);
  }
});
