import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUserDetailsFields, userDetailsFields, USER_DETAILS_FIELDS_FILE } from '../src/user-details/user-details-fields';
import { parsePrivacyConfig, privacyConfig } from '../src/privacy/privacy-config';

describe('the field list', () => {
  it('holds the 54 documented User Details fields, each with a privacy class', () => {
    const fields = userDetailsFields();
    expect(fields).toHaveLength(54);
    expect(fields[0]).toMatchObject({ almaField: 'User ID', member: 'user_id', privacyClass: 'identifying' });
    expect(fields.filter((field) => field.member.startsWith('statistical_category_'))).toHaveLength(10);
  });

  const reference = join(__dirname, '..', '..', 'shared', 'reference', 'user-details-fields.tsv');
  it.skipIf(!existsSync(reference))('is the same as the reference copy in ../shared/reference (skipped: no such copy next to this checkout)', () => {
    expect(readFileSync(USER_DETAILS_FIELDS_FILE, 'utf8')).toBe(readFileSync(reference, 'utf8'));
  });

  it('rejects a row with an unknown privacy class, naming the line', () => {
    const tsv = 'alma_field\tsuggested_member\tkind\tprivacy_class\tnotes\nUser ID\tuser_id\tstring\tsecret\t\n';
    expect(() => parseUserDetailsFields(tsv, 'fields.tsv')).toThrow('fields.tsv:2: privacy class "secret"');
  });
});

describe('the privacy config', () => {
  it('gives admin everything and hides identifying fields from analysts and dashboards', () => {
    const groups = Object.fromEntries(privacyConfig().groups.map((group) => [group.name, group.treatments]));
    expect(groups.admin).toEqual({ identifying: 'visible', sensitive: 'visible', general: 'visible' });
    expect(groups.analyst?.identifying).toBe('hidden');
    expect(groups.dashboard?.identifying).toBe('hidden');
  });

  it('refuses to copy a sensitive field onto activity', () => {
    const text = readFileSync(join(__dirname, '..', 'model', 'privacy.yml'), 'utf8')
      .replace('activity_snapshot:\n', 'activity_snapshot:\n  - birth_date\n');
    expect(() => parsePrivacyConfig(text)).toThrow('must not copy sensitive fields');
  });
});
