import type { UserDetailsField } from '../user-details/user-details-fields';

/** PostgreSQL type of a column that holds a User Details field (on alma.users and on activity snapshots). */
export type UserColumnType = 'text' | 'date' | 'timestamptz' | 'boolean';

// Alma records these as calendar days; the other time fields are moments.
const DATE_FIELDS = new Set(['birth_date', 'status_date', 'expiry_date', 'purge_date']);

export function userColumnType(field: UserDetailsField): UserColumnType {
  if (field.kind === 'boolean') return 'boolean';
  if (field.kind === 'time') return DATE_FIELDS.has(field.member) ? 'date' : 'timestamptz';
  return 'text';
}

/** Fields whose values Alma takes from a closed set; the users table checks them. */
export const USER_CLOSED_SETS: Readonly<Record<string, readonly string[]>> = {
  user_type: ['Internal', 'External'],
  user_record_type: ['Public', 'Staff'],
  status: ['Active', 'Inactive'],
};
