import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { membersDoc } from '../../src/boundary/members-doc';
import { compiledModel } from './compiled-model';

describe('docs/MEMBERS.md', () => {
  it('is what scripts/generate-members-doc.ts writes from the model as Cube compiles it and the privacy config', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'MEMBERS.md'), 'utf8');
    expect(committed, 'run: npx tsx scripts/generate-members-doc.ts').toBe(membersDoc((await compiledModel()).cubes));
  });

  it('lists each view member with what each group sees, and never an internal disclosure_ member', async () => {
    const { cubes } = await compiledModel();
    const users = cubes.find((cube) => cube.name === 'users')!;
    // The views do include the internal members; the document leaves them out.
    expect(Object.keys(users.measures)).toContain('disclosure_people');
    const doc = membersDoc(cubes);
    expect(doc).not.toContain('disclosure_');
    expect(doc).toContain('| `users.count` | measure | number | Number of Users | Users | visible | visible | visible |');
    expect(doc).toContain('| `users.birth_date` | dimension | time | Birth Date |  | visible | masked | hidden |');
    expect(doc).toMatch(/\| `fulfillment\.full_name` \| dimension \| string \| Full Name \| {2}\| visible \| hidden \| hidden \|/);
    for (const view of ['users', 'fulfillment', 'fines_and_fees', 'resource_sharing']) expect(doc).toContain(`\n## ${view}\n`);
  });
});
