import { describe, expect, it } from 'vitest';
import { privacyConfig } from '../../src/privacy/privacy-config';
import { accessPolicyFor, withAccessPolicies } from '../../src/model/access-policy';
import { privacyClassOfMember, treatmentOfMember } from '../../src/model/member-treatment';

const group = (name: string) => privacyConfig().groups.find((candidate) => candidate.name === name)!;

describe('member privacy classes', () => {
  it('follow the field list by name, derived members by the field they read, the rest general', () => {
    expect(privacyClassOfMember('full_name')).toBe('identifying');
    expect(privacyClassOfMember('birth_date')).toBe('sensitive');
    expect(privacyClassOfMember('average_age')).toBe('sensitive');
    expect(privacyClassOfMember('num_of_loans')).toBe('general');
  });

  it('hide a derived segment where its field is masked, since Cube cannot mask a segment', () => {
    expect(treatmentOfMember('under_25', group('analyst'))).toBe('hidden');
    expect(treatmentOfMember('average_age', group('analyst'))).toBe('masked');
    expect(treatmentOfMember('under_25', group('admin'))).toBe('visible');
  });
});

describe('accessPolicyFor', () => {
  const definition = {
    measures: { count: {}, average_age: {} },
    dimensions: { user_id: {}, gender: {}, campus_code: {}, user_group: {} },
    segments: { under_25: {} },
  };

  it('gives one policy per group of the privacy config', () => {
    expect(accessPolicyFor(definition).map((policy) => policy.group)).toEqual(privacyConfig().groups.map((g) => g.name));
  });

  it('lets admin see every member, analysts the general ones with sensitive ones masked', () => {
    const [admin, analyst] = accessPolicyFor(definition);
    expect(admin?.memberLevel.includes).toBe('*');
    expect([...(analyst?.memberLevel.includes ?? [])].sort()).toEqual(['campus_code', 'count', 'user_group']);
    expect([...((analyst as { memberMasking?: { includes: string[] } }).memberMasking?.includes ?? [])].sort()).toEqual(['average_age', 'gender']);
  });

  it('limits dashboard rows to the campus claim and applies only when the claim holds campus codes', () => {
    const dashboard = accessPolicyFor(definition).find((policy) => policy.group === 'dashboard') as Record<string, any>;
    expect([...dashboard.memberLevel.includes].sort()).toEqual(['campus_code', 'count', 'user_group']);
    const condition = dashboard.conditions[0].if;
    expect(condition({ group: 'dashboard', campus: ['MAIN'] })).toBe(true);
    expect(condition({ group: 'dashboard' })).toBe(false);
    expect(condition({ group: 'dashboard', campus: [] })).toBe(false);
    expect(condition({ group: 'dashboard', campus: 'MAIN' })).toBe(false);
    expect(dashboard.rowLevel.filters[0].values({ campus: ['MAIN'] })).toEqual(['MAIN']);
  });

  it('refuses a cube without the row filter member, rather than leaving its rows open', () => {
    expect(() => accessPolicyFor({ measures: { count: {} } })).toThrow('limits rows on campus_code');
  });

  it('refuses a view that includes "*": its members must be decided one by one', () => {
    expect(() => accessPolicyFor({ cubes: [{ includes: '*' }] })).toThrow('must list the members');
  });

  it('keeps in folders only the members every group sees', () => {
    const view = withAccessPolicies({
      cubes: [{ includes: ['campus_code', 'gender', 'full_name', 'count'] }],
      folders: [{ name: 'User Details', includes: ['campus_code', 'gender', 'full_name'] }, { name: 'Users', includes: ['count'] }],
    });
    expect(view.folders).toEqual([{ name: 'User Details', includes: ['campus_code'] }, { name: 'Users', includes: ['count'] }]);
  });
});
