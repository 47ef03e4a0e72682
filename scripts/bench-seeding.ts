import { formatSeedingBenchmark } from '../src/bench/seeding-benchmark-table';
import { runSeedingBenchmark } from '../src/bench/seeding-benchmark';
import { openDatabaseServer } from '../src/db/database-server';

const USAGE = 'usage: tsx scripts/bench-seeding.ts [--users N]   (default 1000000; replaces the data in the database)';

function parseUsers(argv: readonly string[]): number {
  if (argv.length === 0) return 1_000_000;
  if (argv.length === 2 && argv[0] === '--users' && /^\d+$/.test(argv[1]!) && Number(argv[1]) > 0) return Number(argv[1]);
  throw new Error(`unexpected arguments: ${argv.join(' ')}`);
}

async function main(): Promise<void> {
  let users: number;
  try {
    users = parseUsers(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const server = await openDatabaseServer();
  try {
    console.log(formatSeedingBenchmark(await runSeedingBenchmark(server.connectionString, users)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

void main();
