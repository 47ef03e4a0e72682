import { privacyConfig, type GroupPolicy } from '../privacy/privacy-config';
import { rowFilterValues } from '../auth/security-context';
import { treatmentOfMember } from './member-treatment';
import { foldersSeenByEveryone } from './folders-seen-by-everyone';
import { modelMembers, type ModelDefinition, type ModelMember } from './model-members';

function rowLevelFor(group: GroupPolicy, members: readonly ModelMember[]) {
  const filter = group.rowFilter;
  if (!filter) return {};
  if (!members.some((member) => member.name === filter.member && member.source === filter.member)) {
    // Without the member the rows cannot be limited, so the group gets no policy at all.
    throw new Error(`group ${group.name} limits rows on ${filter.member}, which this cube or view does not have`);
  }
  const { member, claim } = filter;
  return {
    // Cube names the function's parameters to resolve them: `CUBE` is this cube, `securityContext` the caller's.
    conditions: [{ if: (securityContext: unknown) => rowFilterValues(securityContext, claim) !== undefined }],
    rowLevel: {
      filters: [{
        member: (CUBE: Record<string, unknown>) => CUBE[member],
        operator: 'equals',
        values: (securityContext: unknown) => rowFilterValues(securityContext, claim),
      }],
    },
  };
}

function policyFor(group: GroupPolicy, members: readonly ModelMember[]) {
  const treated = (treatment: string) => members
    .filter((member) => treatmentOfMember(member.source, group) === treatment)
    .map((member) => member.name);
  const visible = treated('visible');
  const masked = treated('masked');
  return {
    group: group.name,
    memberLevel: { includes: visible.length === members.length ? '*' : visible },
    ...(masked.length > 0 ? { memberMasking: { includes: masked } } : {}),
    ...rowLevelFor(group, members),
  };
}

/**
 * The access policies of a cube or view, one per group of the privacy config.
 * A caller whose group has no policy here gets nothing: Cube denies by default
 * once a cube has policies.
 *
 */
export function accessPolicyFor(definition: ModelDefinition) {
  const members = modelMembers(definition);
  return privacyConfig().groups.map((group) => policyFor(group, members));
}

/**
 * The definition with its access policies added. Model files wrap the object
 * literal they pass to `cube()`/`view()`, so Cube's transpiler still sees it.
 *
 * @example cube('loans', withAccessPolicies({ sql_table: 'alma.loans', ... }))
 */
export function withAccessPolicies<Definition extends ModelDefinition>(definition: Definition) {
  return { ...definition, ...foldersSeenByEveryone(definition), access_policy: accessPolicyFor(definition) };
}
