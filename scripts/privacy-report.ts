// npm run privacy-report -- [--json]
import { runCommand, UsageError } from '../src/cli/run-command';
import { withDatabase } from '../src/db/with-database';
import { formatPrivacyReport } from '../src/privacy-report/format-privacy-report';
import { buildPrivacyReport } from '../src/privacy-report/privacy-report';

const USAGE = 'usage: npm run privacy-report -- [--json]';

function parseArguments(argv: readonly string[]): { json: boolean } {
  let json = false;
  for (const argument of argv) {
    if (argument === '--json') json = true;
    else throw new UsageError(`unknown argument "${argument}"`);
  }
  return { json };
}

runCommand(USAGE, async () => {
  const { json } = parseArguments(process.argv.slice(2));
  const report = await withDatabase((url) => buildPrivacyReport(url));
  console.log(json ? JSON.stringify(report, null, 2) : formatPrivacyReport(report));
});
