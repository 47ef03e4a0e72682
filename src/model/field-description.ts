import type { UserDetailsField } from '../user-details/user-details-fields';

function fieldPhrase(field: UserDetailsField): string {
  return field.almaField.replace(/^User\s*[-–]\s*/, '').toLowerCase();
}

/**
 * A member description in our words, built from the field list: what the value
 * is (from the field's name and kind), the facts of its notes, and its privacy
 * class, so a BI tool's tooltip says why a member may be missing or masked.
 */
export function describeField(field: UserDetailsField): string {
  const phrase = fieldPhrase(field);
  const head = field.kind === 'boolean' ? `Whether the user ${phrase.replace(/^(?!is |has )/, 'is ')}` : `The user's ${phrase.replace(/^user /, '')}`;
  const facts = field.notes ? `: ${field.notes}` : '';
  return `${head}${facts}. Privacy class: ${field.privacyClass}.`;
}
