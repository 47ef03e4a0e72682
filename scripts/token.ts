// npm run token -- --group <group> [--campus <code>[,<code>]] [--expires-in <duration>]
// Prints a token signed with the server's secret, alone on the last line.
import { signToken } from '../src/auth/sign-token';
import { knownGroups } from '../src/auth/security-context';
import { runCommand, UsageError } from '../src/cli/run-command';
import { parseTokenArguments, TOKEN_USAGE } from '../src/cli/token-arguments';
import { campusCodeTable, matchCampusCodes } from '../src/db/campus-code-table';
import { withDatabase } from '../src/db/with-database';

runCommand(TOKEN_USAGE, async () => {
  const args = parseTokenArguments(process.argv.slice(2), knownGroups());
  // Campus codes are checked against the campus code table, so a typo does not mint a token that sees nothing.
  let campus: string[] | undefined;
  if (args.campus) {
    const table = await withDatabase(campusCodeTable);
    try {
      campus = matchCampusCodes(args.campus, table);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const token = signToken({ group: args.group, ...(campus ? { campus } : {}) }, args.expiresIn);
  process.stderr.write(`token for group ${args.group}${campus ? ` (campus ${campus.join(', ')})` : ''}, expires in ${args.expiresIn}:\n`);
  process.stdout.write(`${token}\n`);
});
