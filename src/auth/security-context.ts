import { privacyConfig, type Capability, type GroupPolicy } from '../privacy/privacy-config';

/**
 * Exactly what Cube sees of a caller: the group and, for groups whose rows a
 * claim limits (dashboards), that claim's values. The one definition of the
 * security context: cube.js, the access policies of the model, the privacy
 * boundary and the SQL API all read it through this module.
 */
export interface SecurityContext {
  readonly group: string;
  readonly campus?: readonly string[];
}

/** Groups the model knows, from the privacy config. */
export function knownGroups(): string[] {
  return privacyConfig().groups.map((group) => group.name);
}

export class InvalidClaimsError extends Error {}

const CLAIM_VALUE = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Reads the security context out of verified token claims, refusing a token
 * whose group the model does not know: such a caller could see nothing, and
 * saying so at the door is clearer than empty answers.
 */
export function securityContextFromClaims(claims: Record<string, unknown>): SecurityContext {
  const { group, campus } = claims;
  if (typeof group !== 'string' || group === '') {
    throw new InvalidClaimsError('the token has no "group" claim');
  }
  if (!knownGroups().includes(group)) {
    throw new InvalidClaimsError(`the token's group "${group}" is not one the model knows (${knownGroups().join(', ')})`);
  }
  const rowFilter = privacyConfig().groups.find((candidate) => candidate.name === group)?.rowFilter;
  if (campus === undefined) {
    // Such a caller could see no row at all; Cube would refuse every member as hidden, with a 500.
    if (rowFilter) throw new InvalidClaimsError(`the group "${group}" needs a "${rowFilter.claim}" claim (its rows are limited by it)`);
    return { group };
  }
  const campuses = Array.isArray(campus) ? campus : [campus];
  if (!campuses.every((code) => typeof code === 'string' && CLAIM_VALUE.test(code))) {
    throw new InvalidClaimsError('the token\'s "campus" claim must be a campus code or a list of them');
  }
  if (rowFilter && campuses.length === 0) throw new InvalidClaimsError(`the group "${group}" needs a non-empty "${rowFilter.claim}" claim`);
  // A list of its own: claims of a token are kept for its next request, and a context is one request's.
  return { group, campus: [...campuses] as string[] };
}

/** The privacy config's policy for the caller's group; undefined for anything that is not a known group. */
export function groupPolicyOf(securityContext: unknown): GroupPolicy | undefined {
  const group = (securityContext as { group?: unknown } | null | undefined)?.group;
  if (typeof group !== 'string') return undefined;
  return privacyConfig().groups.find((candidate) => candidate.name === group);
}

/** Whether the caller's group has `capability`; false for any context that is not a known group's. */
export function can(securityContext: unknown, capability: Capability): boolean {
  return groupPolicyOf(securityContext)?.capabilities.includes(capability) ?? false;
}

/** The groups that have `capability`, for messages ("for admin tokens only"). */
export function groupsThatCan(capability: Capability): string[] {
  return privacyConfig().groups.filter((group) => group.capabilities.includes(capability)).map((group) => group.name);
}

/** "admin tokens only", or "admin and auditor tokens only": who may use what `capability` opens. */
export function whoCan(capability: Capability): string {
  const groups = groupsThatCan(capability);
  return groups.length === 0 ? 'no token' : `${groups.join(' and ')} tokens only`;
}

/**
 * The values of a claim that limits rows, when the context carries a valid
 * non-empty list of them; undefined otherwise (and the caller then sees no row).
 */
export function rowFilterValues(securityContext: unknown, claim: string): string[] | undefined {
  const values = (securityContext as Record<string, unknown> | null | undefined)?.[claim];
  if (!Array.isArray(values) || values.length === 0) return undefined;
  return values.every((value) => typeof value === 'string' && CLAIM_VALUE.test(value)) ? values as string[] : undefined;
}

/** The security context rollups are built with: the group cleared for it in the privacy config. */
export function preAggregationBuildContext(): SecurityContext {
  const [group] = groupsThatCan('build_pre_aggregations');
  if (!group) throw new Error('model/privacy.yml: no group has the build_pre_aggregations capability');
  return { group };
}
