import { userDetailsField } from '../user-details/user-details-fields';
import { fieldDimension } from './user-details-dimensions';

/**
 * The dimensions every activity cube has besides its snapshot: its key, the user
 * it belongs to (erased by anonymization) and when it was anonymized.
 */
export function activityDimensions(activity: string) {
  return {
    id: {
      sql: (CUBE: unknown) => `${CUBE}.id`, type: 'number', primary_key: true,
      title: `${activity} ID`, description: `Key of the ${activity.toLowerCase()} row; a new random negative number once the row is anonymized.`,
    },
    user_id: {
      ...fieldDimension(userDetailsField('user_id')),
      description: 'The user the activity belongs to; empty once the activity is anonymized. Privacy class: identifying.',
    },
    anonymized_at: {
      sql: (CUBE: unknown) => `${CUBE}.anonymized_at`, type: 'time', title: 'Anonymization Date',
      description: 'The day (UTC, or the unit set in privacy.yml) the row was anonymized: its identifying user fields erased, its id replaced and its dates cut to that unit; empty until then.',
    },
    is_anonymized: {
      sql: (CUBE: unknown) => `${CUBE}.anonymized_at IS NOT NULL`, type: 'boolean', title: 'Is Anonymized',
      description: 'Whether the identifying user fields have been erased from the row.',
    },
  };
}
