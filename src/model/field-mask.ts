import { privacyConfig } from '../privacy/privacy-config';

/** The SQL of `member`'s mask from the privacy config, over `column`; undefined when it has none. */
export function maskSqlOf(member: string, column: string): string | undefined {
  return privacyConfig().masks[member]?.sql.replaceAll('{column}', column);
}

/** A Cube `mask` for a field's dimension, or nothing when the privacy config gives it none. */
export function fieldMask(member: string) {
  if (!privacyConfig().masks[member]) return {};
  return { mask: { sql: (CUBE: unknown) => maskSqlOf(member, `${CUBE}.${member}`) } };
}
