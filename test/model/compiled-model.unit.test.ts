import { describe, expect, it } from 'vitest';
import { isMaskSource } from '../../src/model/field-mask';
import { privacyConfig } from '../../src/privacy/privacy-config';
import { treatmentOfMember } from '../../src/model/member-treatment';
import { userDetailsFields } from '../../src/user-details/user-details-fields';
import { compiledCube, compiledModel, CUBES, VIEWS } from './compiled-model';

describe('the compiled model', () => {
  it('compiles without errors', async () => {
    expect((await compiledModel()).errors).toEqual([]);
  });

  it('has every field of the field list as a user_details dimension, titled as Alma titles it', async () => {
    const { dimensions } = await compiledCube('user_details');
    for (const field of userDetailsFields()) {
      expect(dimensions[field.member], field.member).toMatchObject({ title: field.almaField, type: field.kind });
    }
    // Besides the fields: only the sources that masks read from (no view includes them).
    const others = Object.keys(dimensions).filter((name) => !userDetailsFields().some((field) => field.member === name));
    expect(others.filter((name) => !isMaskSource(name))).toEqual([]);
    expect(dimensions.user_id?.primaryKey).toBe(true);
  });

  it('names the user measures as Alma does', async () => {
    const users = await compiledCube('users');
    expect(users.measures.count?.title).toBe('Number of Users');
    expect(users.measures.number_of_users_public?.title).toBe('Number of Users (Public)');
    expect((await compiledCube('fulfillment')).measures.num_of_loans?.title).toBe('Num of Loans (In House + Not In House)');
    expect((await compiledCube('resource_sharing')).measures.num_of_requests_filled?.title).toBe('Num of Requests Filled');
  });

  it('hides the cubes from BI tools; the views are what they see', async () => {
    const visible = (await compiledModel()).cubes.filter((cube) => cube.isVisible).map((cube) => cube.name);
    expect(visible.sort()).toEqual([...VIEWS].sort());
  });

  it('gives every cube and view the policies the privacy config asks for, member by member', async () => {
    for (const name of [...CUBES, ...VIEWS]) {
      const cube = await compiledCube(name);
      const members = [...Object.keys(cube.dimensions), ...Object.keys(cube.measures), ...cube.segments];
      expect(cube.policies.map((policy) => policy.group), name).toEqual(privacyConfig().groups.map((group) => group.name));
      for (const group of privacyConfig().groups) {
        const policy = cube.policies.find((candidate) => candidate.group === group.name)!;
        for (const member of members) {
          const treatment = policy.visible.includes(member) ? 'visible' : policy.masked.includes(member) ? 'masked' : 'hidden';
          expect(treatment, `${name}.${member} for ${group.name}`).toBe(treatmentOfMember(member, group));
        }
        expect(policy.rowFilterMembers).toEqual(group.rowFilter ? [`${name}.${group.rowFilter.member}`] : []);
      }
    }
  });

  it('exposes through each view member what its cube member exposes, by privacy class', async () => {
    for (const view of VIEWS) {
      for (const included of (await compiledCube(view)).includedMembers) {
        const source = included.memberPath.split('.')[1]!;
        for (const group of privacyConfig().groups) {
          expect(treatmentOfMember(included.name, group), `${view}.${included.name} for ${group.name}`).toBe(treatmentOfMember(source, group));
        }
      }
    }
  });

  it('defines a mask for every member some group sees masked', async () => {
    for (const name of [...CUBES, ...VIEWS]) {
      const cube = await compiledCube(name);
      for (const member of cube.policies.flatMap((policy) => policy.masked)) {
        expect((cube.dimensions[member] ?? cube.measures[member])?.hasMask, `${name}.${member}`).toBe(true);
      }
    }
  });

  it('lists in view folders only members every group sees (Cube does not filter folders by policy)', async () => {
    for (const view of VIEWS) {
      for (const folder of (await compiledCube(view)).folders) {
        for (const member of folder.members) {
          const name = member.split('.')[1]!;
          expect(privacyConfig().groups.map((group) => treatmentOfMember(name, group)), member).not.toContain('hidden');
        }
      }
    }
  });

  it('takes the user fields of activity views from the activity row, not through the join to user_details', async () => {
    for (const [view, cube] of [['fulfillment', 'loans'], ['fines_and_fees', 'fines_fees'], ['resource_sharing', 'borrowing_requests']] as const) {
      const members = (await compiledCube(view)).includedMembers;
      expect(members.find((member) => member.name === 'user_group')?.memberPath).toBe(`${cube}.user_group`);
      expect(members.every((member) => member.memberPath.startsWith(`${cube}.`))).toBe(true);
    }
  });

  it('stores the dashboard rollups in PostgreSQL with indexes and refresh keys', async () => {
    const rollups = (await compiledModel()).cubes.flatMap((cube) => Object.entries(cube.preAggregations));
    expect(rollups.map(([name]) => name).sort()).toEqual(
      ['balance_by_group', 'by_group_status', 'by_month', 'by_month', 'by_month', 'by_month_and_group', 'by_month_and_status', 'registrations_by_month', 'requests_filled'],
    );
    // Cube names a rollup's table <cube>_<rollup>_<26 bytes of version>; PostgreSQL cuts at 63 bytes.
    for (const cube of (await compiledModel()).cubes) {
      for (const name of Object.keys(cube.preAggregations)) expect(`${cube.name}_${name}`.length + 26, name).toBeLessThanOrEqual(63);
    }
    for (const [name, rollup] of rollups) {
      expect(rollup.external, name).toBe(false);
      expect(rollup.hasRefreshKey, name).toBe(true);
      expect(rollup.indexes.length, name).toBeGreaterThan(0);
    }
  });
});
