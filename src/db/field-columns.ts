import { ACTIVITY_TYPES, privacyConfig } from '../privacy/privacy-config';
import { userDetailsFields } from '../user-details/user-details-fields';
import { userColumnType, type UserColumnType } from './user-columns';

/** Columns of alma.users that are no User Details field; each came with a migration of its own. */
export const USERS_COLUMNS_BEYOND_THE_FIELD_LIST: readonly string[] = ['record_key'];

/** Columns of the activity tables named like a field that are no snapshot copy: the link to the user. */
export const ACTIVITY_LINK_COLUMNS: readonly string[] = ['user_id'];

/** The columns of one table that hold User Details fields, as today's config wants them. */
export interface FieldColumns {
  /** Schema-qualified, e.g. alma.users. */
  readonly table: string;
  /** Why each column is wanted, for messages: "the field list" or "activity_snapshot". */
  readonly source: 'the field list' | 'activity_snapshot';
  readonly columns: ReadonlyMap<string, UserColumnType>;
}

/**
 * What the field list (model/user-details-fields.tsv) and the snapshot fields
 * (model/privacy.yml `activity_snapshot`) want the database to hold: every
 * field on alma.users, and every snapshot field on each activity table.
 */
export function wantedFieldColumns(): FieldColumns[] {
  const users = new Map(userDetailsFields().map((field) => [field.member, userColumnType(field)] as const));
  const snapshot = new Map(privacyConfig().activitySnapshot.map((field) => [field.member, userColumnType(field)] as const));
  return [
    { table: 'alma.users', source: 'the field list', columns: users },
    ...ACTIVITY_TYPES.map((type) => ({ table: `alma.${type}`, source: 'activity_snapshot' as const, columns: snapshot })),
  ];
}
