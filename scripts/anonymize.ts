// npm run anonymize -- [--dry-run] [--as-of YYYY-MM-DD]
import { anonymizeCompletedActivity } from '../src/anonymize/anonymize-completed-activity';
import { formatAnonymizationSummary } from '../src/anonymize/anonymization-summary';
import { runCommand, UsageError } from '../src/cli/run-command';
import { withDatabase } from '../src/db/with-database';
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
      if (value === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError('--as-of needs a date in the form YYYY-MM-DD');
      asOf = value;
    } else throw new UsageError(`unknown argument "${argument}"`);
  }
  return { dryRun, asOf };
}

runCommand(USAGE, async () => {
  const args = parseArguments(process.argv.slice(2));
  const summary = await withDatabase((url) => anonymizeCompletedActivity(url, args));
  console.log(formatAnonymizationSummary(summary));
});
