import { userDetailsFields, type UserDetailsField } from '../user-details/user-details-fields';
import { describeField } from './field-description';
import { fieldMask, maskSourceDimensions } from './field-mask';

/** One dimension over the column of the same name, titled as Alma titles the field. */
export function fieldDimension(field: UserDetailsField) {
  return {
    sql: (CUBE: unknown) => `${CUBE}.${field.member}`,
    type: field.kind,
    title: field.almaField,
    description: describeField(field),
    ...fieldMask(field.member),
  };
}

/** Every field of the field list as a dimension of `user_details`, in Alma's order; `user_id` is the key. */
export function userDetailsDimensions() {
  return {
    ...Object.fromEntries(userDetailsFields().map((field) => [
      field.member,
      // A primary key is hidden by default; admins need to see User ID, and policies decide who else does.
      field.member === 'user_id' ? { ...fieldDimension(field), primary_key: true, public: true } : fieldDimension(field),
    ])),
    ...maskSourceDimensions(userDetailsFields()),
  };
}
