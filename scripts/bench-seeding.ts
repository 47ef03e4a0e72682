// npx tsx scripts/bench-seeding.ts [--users N]: the seeding part of npm run bench, alone.
import { formatSeedingBenchmark } from '../src/bench/seeding-benchmark-table';
import { runSeedingBenchmark } from '../src/bench/seeding-benchmark';
import { runCommand, UsageError } from '../src/cli/run-command';
import { withDatabase } from '../src/db/with-database';

const USAGE = 'usage: tsx scripts/bench-seeding.ts [--users N]   (default 1000000; replaces the data in the database)';

function parseUsers(argv: readonly string[]): number {
  if (argv.length === 0) return 1_000_000;
  if (argv.length === 2 && argv[0] === '--users' && /^\d+$/.test(argv[1]!) && Number(argv[1]) > 0) return Number(argv[1]);
  throw new UsageError(`unexpected arguments: ${argv.join(' ')}`);
}

runCommand(USAGE, async () => {
  const users = parseUsers(process.argv.slice(2));
  console.log(formatSeedingBenchmark(await withDatabase((url) => runSeedingBenchmark(url, users))));
});
