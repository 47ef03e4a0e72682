import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Privacy class of a field, as the field list records it. */
export type PrivacyClass = 'identifying' | 'sensitive' | 'general';

/** Kind of value, as the field list records it. */
export type FieldKind = 'string' | 'time' | 'boolean';

export interface UserDetailsField {
  /** The name Alma Analytics shows ("Statistical Category 03"); used as the member title. */
  readonly almaField: string;
  /** snake_case name used for the column in `alma.users` and for the Cube member. */
  readonly member: string;
  readonly kind: FieldKind;
  readonly privacyClass: PrivacyClass;
  /** Facts about the field, from the reference page. */
  readonly notes: string;
}

/**
 * The one field list: every User Details field Alma documents, in Alma's order.
 * Migrations, seeds, the Cube model and the docs are all derived from this file.
 */
export const USER_DETAILS_FIELDS_FILE = join(__dirname, '..', '..', 'model', 'user-details-fields.tsv');

const KINDS: readonly FieldKind[] = ['string', 'time', 'boolean'];
const CLASSES: readonly PrivacyClass[] = ['identifying', 'sensitive', 'general'];

export function parseUserDetailsFields(tsv: string, source = USER_DETAILS_FIELDS_FILE): UserDetailsField[] {
  const lines = tsv.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines.shift()?.split('\t') ?? [];
  const expected = ['alma_field', 'suggested_member', 'kind', 'privacy_class', 'notes'];
  if (expected.some((name, i) => header[i] !== name)) {
    throw new Error(`${source}: header must be ${expected.join(', ')}; found ${header.join(', ')}`);
  }
  const seen = new Set<string>();
  return lines.map((line, index) => {
    const [almaField = '', member = '', kind = '', privacyClass = '', notes = ''] = line.split('\t');
    const where = `${source}:${index + 2}`;
    if (!/^[a-z][a-z0-9_]*$/.test(member)) throw new Error(`${where}: member "${member}" is not snake_case`);
    if (seen.has(member)) throw new Error(`${where}: member "${member}" appears twice`);
    if (!KINDS.includes(kind as FieldKind)) throw new Error(`${where}: kind "${kind}" is not one of ${KINDS.join(', ')}`);
    if (!CLASSES.includes(privacyClass as PrivacyClass)) {
      throw new Error(`${where}: privacy class "${privacyClass}" is not one of ${CLASSES.join(', ')}`);
    }
    seen.add(member);
    return { almaField, member, kind: kind as FieldKind, privacyClass: privacyClass as PrivacyClass, notes };
  });
}

let cached: readonly UserDetailsField[] | undefined;

/** The field list, read once per process. */
export function userDetailsFields(): readonly UserDetailsField[] {
  cached ??= Object.freeze(parseUserDetailsFields(readFileSync(USER_DETAILS_FIELDS_FILE, 'utf8')));
  return cached;
}

export function userDetailsField(member: string): UserDetailsField {
  const field = userDetailsFields().find((candidate) => candidate.member === member);
  if (!field) throw new Error(`"${member}" is not a User Details field (see ${USER_DETAILS_FIELDS_FILE})`);
  return field;
}
