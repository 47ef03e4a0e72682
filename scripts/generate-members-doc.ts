// Writes docs/MEMBERS.md, the members of every view and what each group sees of them,
// from the model as Cube compiles it and model/privacy.yml. Run it after changing a view,
// the field list or the privacy config; a test fails while the committed document is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { membersDoc } from '../src/boundary/members-doc';
import { runCommand, UsageError } from '../src/cli/run-command';
import { describeModel } from '../src/model/describe-model';

runCommand('usage: npx tsx scripts/generate-members-doc.ts', async () => {
  if (process.argv.length > 2) throw new UsageError(`unexpected arguments: ${process.argv.slice(2).join(' ')}`);
  const { errors, cubes } = await describeModel();
  if (errors.length > 0) throw new Error('the model does not compile: run npm run validate to see where, fix it, then run this again');
  const file = join(__dirname, '..', 'docs', 'MEMBERS.md');
  writeFileSync(file, membersDoc(cubes));
  console.log(`Wrote ${file}`);
});
