import { describe, expect, it } from 'vitest';
import { privacyConfig } from '../../src/privacy/privacy-config';
import { treatmentOfMember } from '../../src/model/member-treatment';
import { userDetailsFields } from '../../src/user-details/user-details-fields';
import { compiledModel, CUBES, VIEWS } from './compiled-model';

describe('the compiled model', () => {
  it('compiles without errors', async () => {
    expect((await compiledModel()).errors).toEqual([]);
  });

  it('has every field of the field list as a user_details dimension, titled as Alma titles it', async () => {
    const { cubeEvaluator } = await compiledModel();
    const dimensions = cubeEvaluator.cubeFromPath('user_details').dimensions as Record<string, { title: string; type: string; primaryKey?: boolean }>;
    for (const field of userDetailsFields()) {
      expect(dimensions[field.member], field.member).toMatchObject({ title: field.almaField, type: field.kind });
    }
    expect(Object.keys(dimensions)).toHaveLength(userDetailsFields().length);
    expect(dimensions.user_id?.primaryKey).toBe(true);
  });

  it('hides the cubes from BI tools; the views are what they see', async () => {
    const { metaTransformer } = await compiledModel();
    const visible = metaTransformer.cubes.filter((cube: any) => cube.config.isVisible).map((cube: any) => cube.config.name);
    expect(visible.sort()).toEqual([...VIEWS].sort());
  });

  it('gives every cube and view one access policy per group of the privacy config', async () => {
    const { cubeEvaluator } = await compiledModel();
    for (const name of [...CUBES, ...VIEWS]) {
      const policies = cubeEvaluator.cubeFromPath(name).accessPolicy as { group: string }[];
      expect(policies.map((policy) => policy.group), name).toEqual(privacyConfig().groups.map((group) => group.name));
    }
  });

  it('exposes through each view member exactly what its cube member exposes, by privacy class', async () => {
    const { cubeEvaluator } = await compiledModel();
    for (const view of VIEWS) {
      for (const included of cubeEvaluator.cubeFromPath(view).includedMembers as { name: string; memberPath: string }[]) {
        const source = included.memberPath.split('.')[1]!;
        for (const group of privacyConfig().groups) {
          expect(treatmentOfMember(included.name, group), `${view}.${included.name} for ${group.name}`).toBe(treatmentOfMember(source, group));
        }
      }
    }
  });

  it('defines a mask for every member some group sees masked', async () => {
    const { cubeEvaluator } = await compiledModel();
    for (const name of [...CUBES, ...VIEWS]) {
      for (const policy of cubeEvaluator.cubeFromPath(name).accessPolicy as { memberMasking?: { includesMembers: string[] } }[]) {
        for (const member of policy.memberMasking?.includesMembers ?? []) {
          const path = member.split('.');
          const definition = (cubeEvaluator.isMeasure(path) ? cubeEvaluator.measureByPath(member) : cubeEvaluator.dimensionByPath(member)) as { mask?: unknown };
          expect(definition.mask, member).toBeDefined();
        }
      }
    }
  });

  it('takes the user fields of activity views from the activity row, not through the join to user_details', async () => {
    const { cubeEvaluator } = await compiledModel();
    for (const [view, cube] of [['fulfillment', 'loans'], ['fines_and_fees', 'fines_fees'], ['resource_sharing', 'borrowing_requests']]) {
      const members = cubeEvaluator.cubeFromPath(view!).includedMembers as { name: string; memberPath: string }[];
      expect(members.find((member) => member.name === 'user_group')?.memberPath).toBe(`${cube}.user_group`);
      expect(members.every((member) => member.memberPath.startsWith(`${cube}.`))).toBe(true);
    }
  });

  it('stores the dashboard rollups in PostgreSQL with indexes and refresh keys', async () => {
    const { cubeEvaluator } = await compiledModel();
    const rollups = CUBES.flatMap((cube) => Object.entries(cubeEvaluator.cubeFromPath(cube).preAggregations ?? {}));
    expect(rollups.map(([name]) => name).sort()).toEqual(
      ['balance_by_group', 'loans_by_month_and_group', 'new_registrations_by_month', 'requests_filled', 'users_by_group_and_status'],
    );
    for (const [name, rollup] of rollups as [string, { external: boolean; indexes: object; refreshKey: object }][]) {
      expect(rollup, name).toMatchObject({ external: false, refreshKey: expect.any(Object), indexes: expect.any(Object) });
    }
  });
});
