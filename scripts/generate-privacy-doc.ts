// Writes docs/PRIVACY.md from model/privacy.yml and the field list. Run it after
// changing either; a test fails while the committed document is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privacyDoc } from '../src/model/privacy-doc';

const file = join(__dirname, '..', 'docs', 'PRIVACY.md');
writeFileSync(file, privacyDoc());
console.log(`Wrote ${file}`);
