import { privacyConfig, type GroupPolicy } from '../privacy/privacy-config';
import { treatmentOfMember } from './member-treatment';
import { foldersSeenByEveryone } from './folders-seen-by-everyone';
import { modelMembers, type ModelDefinition, type ModelMember } from './model-members';

/** Cube's security context, as the lead's `checkAuth` sets it. */
interface SecurityContext {
  readonly group?: string;
  readonly campus?: unknown;
}

function hasClaim(securityContext: SecurityContext, claim: string): boolean {
  const values = (securityContext as Record<string, unknown>)[claim];
  return Array.isArray(values) && values.length > 0 && values.every((value) => typeof value === 'string' && value !== '');
}

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
    conditions: [{ if: (securityContext: SecurityContext) => hasClaim(securityContext, claim) }],
    rowLevel: {
      filters: [{
        member: (CUBE: Record<string, unknown>) => CUBE[member],
        operator: 'equals',
        values: (securityContext: SecurityContext) => (securityContext as Record<string, unknown>)[claim],
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
