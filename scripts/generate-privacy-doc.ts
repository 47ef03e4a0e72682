// Writes docs/PRIVACY.md from model/privacy.yml and the field list. Run it after
// changing either; a test fails while the committed document is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, UsageError } from '../src/cli/run-command';
import { privacyDoc } from '../src/model/privacy-doc';

runCommand('usage: npx tsx scripts/generate-privacy-doc.ts', async () => {
  if (process.argv.length > 2) throw new UsageError(`unexpected arguments: ${process.argv.slice(2).join(' ')}`);
  const file = join(__dirname, '..', 'docs', 'PRIVACY.md');
  writeFileSync(file, privacyDoc());
  console.log(`Wrote ${file}`);
});
