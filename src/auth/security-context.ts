import { privacyConfig } from '../privacy/privacy-config';

/** Exactly what Cube sees of a caller: the group and, for dashboards, the campuses. */
export interface SecurityContext {
  readonly group: string;
  readonly campus?: readonly string[];
}

/** Groups the model knows, from the privacy config. */
export function knownGroups(): string[] {
  return privacyConfig().groups.map((group) => group.name);
}

export class InvalidClaimsError extends Error {}

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
  if (!campuses.every((code) => typeof code === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(code))) {
    throw new InvalidClaimsError('the token\'s "campus" claim must be a campus code or a list of them');
  }
  if (rowFilter && campuses.length === 0) throw new InvalidClaimsError(`the group "${group}" needs a non-empty "${rowFilter.claim}" claim`);
  return { group, campus: campuses as string[] };
}
