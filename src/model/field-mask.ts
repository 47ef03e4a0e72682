import { privacyConfig } from '../privacy/privacy-config';
import type { UserDetailsField } from '../user-details/user-details-fields';

/** The SQL of `member`'s mask from the privacy config, over `column`; undefined when it has none. */
export function maskSqlOf(member: string, column: string): string | undefined {
  return privacyConfig().masks[member]?.sql.replaceAll('{column}', column);
}

/** The internal dimension a field's mask reads its real value from. */
export function maskSourceOf(member: string): string {
  return `${member}_unmasked`;
}

/** The internal measure a derived measure's mask reads: the same aggregate over masked values. */
export function maskedMeasureOf(measure: string): string {
  return `${measure}_masked`;
}

/** True when `member` is an internal source some mask reads (never shown where the mask applies). */
export function isMaskSource(member: string): boolean {
  const { masks, derivedMembers } = privacyConfig();
  return Object.keys(masks).some((field) => maskSourceOf(field) === member)
    || Object.entries(derivedMembers).some(([derived, { kind }]) => kind === 'measure' && maskedMeasureOf(derived) === member);
}

function maskReadsColumn(member: string): boolean {
  return privacyConfig().masks[member]?.sql.includes('{column}') ?? false;
}

/**
 * The SQL of a mask, given Cube's `CUBE` proxy. A mask that reads the column does
 * so through the field's mask source, a member: Cube's rollup matching only sees
 * member references, and a mask over a bare column looked to it like a constant,
 * so any rollup "answered" it with SQL over a table it had never joined.
 */
export function maskSqlOverSource(member: string, CUBE: Record<string, unknown>): string {
  if (!maskReadsColumn(member)) return maskSqlOf(member, '') ?? 'NULL';
  return maskSqlOf(member, String(CUBE[maskSourceOf(member)])) ?? 'NULL';
}

/** A Cube `mask` for a field's dimension, or nothing when the privacy config gives it none. */
export function fieldMask(member: string) {
  if (!privacyConfig().masks[member]) return {};
  return { mask: { sql: (CUBE: Record<string, unknown>) => maskSqlOverSource(member, CUBE) } };
}

/** The mask sources of the fields whose masks read their column: not public, hidden where the field is masked. */
export function maskSourceDimensions(fields: readonly UserDetailsField[]) {
  return Object.fromEntries(fields.filter((field) => maskReadsColumn(field.member)).map((field) => [maskSourceOf(field.member), {
    sql: (CUBE: unknown) => `${CUBE}.${field.member}`,
    type: field.kind,
    public: false,
    title: `${field.almaField} (unmasked)`,
    description: `The real ${field.almaField}, read only by its mask; shown to nobody the privacy config masks it for.`,
  }]));
}
