import { privacyConfig, type GroupPolicy, type Treatment } from '../privacy/privacy-config';
import { userDetailsFields, type PrivacyClass } from '../user-details/user-details-fields';
import { isMaskSource, maskSourceOf } from './field-mask';

/**
 * The privacy class of a model member, by its name: a member named like a User
 * Details field has that field's class (wherever it lives: the user cube, an
 * activity snapshot, a view); a derived member has the class of the field it
 * reads; anything else (activity dates, amounts, counts) is general.
 */
export function privacyClassOfMember(member: string): PrivacyClass {
  const field = userDetailsFields().find((candidate) => candidate.member === member || maskSourceOf(candidate.member) === member);
  if (field) return field.privacyClass;
  return privacyConfig().derivedMembers[member]?.reads.privacyClass ?? 'general';
}

/** How `group` sees `member`; a masked segment or mask source is hidden. */
export function treatmentOfMember(member: string, group: GroupPolicy): Treatment {
  const treatment = group.treatments[privacyClassOfMember(member)];
  const derived = privacyConfig().derivedMembers[member];
  // Nothing can mask a segment or the source a mask reads from.
  return treatment === 'masked' && (derived?.kind === 'segment' || isMaskSource(member)) ? 'hidden' : treatment;
}
