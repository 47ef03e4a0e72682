import { describe, expect, it } from 'vitest';
import { accessPolicyFor } from '../../src/model/access-policy';
import { withPrivacyPolicies } from '../../src/model/yaml-model-policies';

const yamlView = (body: string) => ({ fileName: 'views/mine.yml', content: body });

describe('views written in YAML', () => {
  it('are compiled as JavaScript views with the generated access policies', () => {
    const file = withPrivacyPolicies(yamlView('views:\n  - name: mine\n    cubes:\n      - join_path: loans.user_details\n        includes: [user_group, first_name]\n'));
    expect(file.fileName).toBe('views/mine.yml.js');
    expect(file.content).toContain('view("mine", withAccessPolicies(');
    expect(file.content).toContain('"join_path": loans.user_details');
  });

  // Each refusal names the file, so npm run validate and the server point at it.
  it.each([
    ['a YAML cube', 'cubes:\n  - name: c\n    sql_table: alma.users\n', 'cubes written in YAML'],
    ['a hand-written access policy', 'views:\n  - name: v\n    access_policy: []\n    cubes: []\n', 'access_policy is generated'],
    ['a Jinja template', 'views:\n{% for i in [1] %}\n  - name: v{{ i }}\n{% endfor %}\n', 'Jinja model files'],
    ['a join path that is not a cube path', 'views:\n  - name: v\n    cubes:\n      - join_path: "x; drop"\n        includes: [a]\n', 'is not a cube path'],
  ])('refuses %s', (_label, body, message) => {
    const file = withPrivacyPolicies(yamlView(body));
    expect(file.content).toMatch(/^throw new Error/);
    expect(file.content).toContain('views/mine.yml: ');
    expect(file.content).toContain(message);
  });

  it('leaves YAML that does not parse to Cube, which reports it with its line', () => {
    const broken = yamlView('views:\n  - name: [\n');
    expect(withPrivacyPolicies(broken)).toBe(broken);
  });
});

describe('privacy follows the member a view shows, not the name it gives it', () => {
  const analystPolicy = (definition: object) => accessPolicyFor(definition)
    .find((policy) => policy.group === 'analyst')!;

  it('keeps an aliased identifying member hidden', () => {
    const policy = analystPolicy({ cubes: [{ includes: ['campus_code', 'user_group', { name: 'first_name', alias: 'given' }] }] });
    expect(policy.memberLevel.includes).toEqual(['campus_code', 'user_group']);
  });

  it('keeps a prefixed identifying member hidden, and masks a prefixed sensitive one', () => {
    const policy = analystPolicy({ cubes: [{ includes: ['campus_code'] }, { prefix: true, alias: 'patron', includes: ['user_group', 'last_name', 'gender'] }] });
    expect(policy.memberLevel.includes).toEqual(['campus_code', 'patron_user_group']);
    expect(policy.memberMasking?.includes).toEqual(['patron_gender']);
  });

  it('refuses a prefix without an alias, since the names could not be known', () => {
    expect(() => accessPolicyFor({ cubes: [{ prefix: true, includes: ['user_group'] }] })).toThrow('alias');
  });
});
