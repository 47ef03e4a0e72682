import { anonymizeCompletedActivity } from '../src/anonymize/anonymize-completed-activity';
import { formatAnonymizationSummary } from '../src/anonymize/anonymization-summary';
import { openDatabaseServer } from '../src/db/database-server';
import { todayIso } from '../src/seed/seed-plan';

const USAGE = 'usage: npm run anonymize -- [--dry-run] [--as-of YYYY-MM-DD]';

function parseArguments(argv: readonly string[]): { dryRun: boolean; asOf: string } {
  let dryRun = false;
  let asOf = todayIso();
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--dry-run') dryRun = true;
    else if (argument === '--as-of') {
      const value = argv[++i];
      if (value === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error('--as-of needs a date in the form YYYY-MM-DD');
      asOf = value;
    } else throw new Error(`unknown argument "${argument}"`);
  }
  return { dryRun, asOf };
}

async function main(): Promise<void> {
  let args: { dryRun: boolean; asOf: string };
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const server = await openDatabaseServer();
  try {
    console.log(formatAnonymizationSummary(await anonymizeCompletedActivity(server.connectionString, args)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

void main();
