import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { privacyDoc } from '../../src/model/privacy-doc';

describe('docs/PRIVACY.md', () => {
  it('is what scripts/generate-privacy-doc.ts writes from the current privacy config and field list', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'PRIVACY.md'), 'utf8');
    expect(committed, 'run: npx tsx scripts/generate-privacy-doc.ts').toBe(privacyDoc());
  });

  it('lists every field with what each group sees of it', () => {
    const doc = privacyDoc();
    expect(doc).toContain('| Birth Date | `birth_date` | sensitive |  | visible | masked | — |');
    expect(doc).toContain('| User Group | `user_group` | general | yes | visible | visible | visible |');
  });
});
